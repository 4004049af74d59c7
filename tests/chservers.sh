# chservers.sh - two clickhouse-server processes on loopback for focal's
# ClickHouse test and benchmark (sourced by tests/clickhouse.sh and
# bench/clickhouse.sh). Each server gets its own config, users file and data
# directory; both know the cluster `two` (one shard on each). Every server
# started is recorded in $pids, and ch_stop_servers stops them by PID (TERM,
# up to 10 s, then KILL): the caller puts it in its EXIT trap.
#
#   ch_ports                 sets HA TA IA (server a: HTTP, native, interserver)
#                            and HB TB IB, from the process id so that two
#                            runs side by side do not collide
#   ch_start_server DIR HTTP TCP INTERSERVER
#   ch_wait_up [SECONDS]     0 once both answer on their native ports
#   ch_sql PORT QUERY        clickhouse-client on PORT, bounded (CH_SQL_TIMEOUT,
#                            default 30 s)
# CH_MAX_MEMORY (bytes, default 2000000000) is the default profile's
# max_memory_usage.

pids=${pids:-}

ch_ports() {
	base=$((20000 + ($$ % 2000) * 10))
	HA=$base TA=$((base + 1)) IA=$((base + 2))
	HB=$((base + 3)) TB=$((base + 4)) IB=$((base + 5))
}

ch_stop_servers() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
		kill -9 "$p" 2>/dev/null
	done
	pids=""
}

# ch_start_server DIR HTTP TCP INTERSERVER: configs written here, data in DIR
ch_start_server() {
	d=$1
	mkdir -p "$d/data" "$d/tmp" "$d/log"
	cat >"$d/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$d/log/server.log</log><errorlog>$d/log/err.log</errorlog>
    <size>10M</size><count>1</count></logger>
  <http_port>$2</http_port>
  <tcp_port>$3</tcp_port>
  <interserver_http_port>$4</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>64</max_connections>
  <max_concurrent_queries>20</max_concurrent_queries>
  <uncompressed_cache_size>1048576</uncompressed_cache_size>
  <mark_cache_size>67108864</mark_cache_size>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <user_files_path>$d/data/user_files/</user_files_path>
  <format_schema_path>$d/data/format_schemas/</format_schema_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <two>
      <shard><replica><host>127.0.0.1</host><port>$TA</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$TB</port></replica></shard>
    </two>
  </remote_servers>
</yandex>
XML
	cat >"$d/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>${CH_MAX_MEMORY:-2000000000}</max_memory_usage></default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile><quota>default</quota></default>
    <focal><password>s3cret pass</password><networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile><quota>default</quota></focal>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
	clickhouse-server --config-file="$d/config.xml" >"$d/log/stdout" 2>&1 &
	pids="$pids $!"
	echo $! >"$d/pid"
}

# ch_sql PORT QUERY: through the native port, bounded
ch_sql() { timeout "${CH_SQL_TIMEOUT:-30}" clickhouse-client --host 127.0.0.1 --port "$1" --query "$2"; }

# ch_wait_up [SECONDS]: both servers answer (default 60 s)
ch_wait_up() {
	n=$((${1:-60} * 2))
	i=0
	while [ $i -lt $n ]; do
		if ch_sql $TA "SELECT 1" >/dev/null 2>&1 && ch_sql $TB "SELECT 1" >/dev/null 2>&1; then return 0; fi
		sleep 0.5
		i=$((i + 1))
	done
	return 1
}
