[meter]
