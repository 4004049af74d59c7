[profile]
name = a
provider = no tilde
[price]
list = abc
