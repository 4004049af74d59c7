[profile
name = x
