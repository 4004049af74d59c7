name = outside
