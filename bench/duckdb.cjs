// bench/duckdb.cjs - the peer of issue 14's tables: DuckDB (the npm package
// @duckdb/node-api, DuckDB 1.5) running one SQL statement, as `duckdb -c SQL`
// would. Only for benchmarks; focal does not use it.
//
//   npm install --prefix /tmp/duck @duckdb/node-api
//   NODE_PATH=/tmp/duck/node_modules node bench/duckdb.cjs "SELECT ..."
//
// Prints the rows, tab-separated.
const { DuckDBInstance } = require('@duckdb/node-api');

(async () => {
	const sql = process.argv[2];
	if (!sql) {
		console.error('usage: node bench/duckdb.cjs SQL');
		process.exit(2);
	}
	const db = await DuckDBInstance.create(':memory:');
	const c = await db.connect();
	const r = await c.runAndReadAll(sql);
	for (const row of r.getRows())
		console.log(row.map(String).join('\t'));
})().catch((e) => {
	console.error(String(e));
	process.exit(1);
});
