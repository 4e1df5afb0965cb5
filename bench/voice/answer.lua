-- POST one survey answer per request, each with an unused token of its own (bench/voice/run.sh sets
-- TOKENS_FILE and BODY_FILE); the two wrk threads take alternate lines.
local file = io.open(os.getenv("BODY_FILE"), "r")
local body = file:read("*a")
file:close()
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
local sent = 0
request = function()
    local index = sent * 2 + id
    sent = sent + 1
    local token = tokens[index] or "SPENT-ALL-TOKENS"
    return wrk.format("POST", "/api/v1/public/surveys/" .. token, {["Content-Type"] = "application/json"}, body)
end
