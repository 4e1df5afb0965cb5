-- POST one feedback item per request, without an account (bench/voice/run.sh sets BODY_FILE).
local file = io.open(os.getenv("BODY_FILE"), "r")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
