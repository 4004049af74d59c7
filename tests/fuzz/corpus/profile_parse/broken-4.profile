[profile]
name = a
idle-days = 99999999999999999999
