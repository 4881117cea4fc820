"ok"
