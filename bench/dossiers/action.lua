-- POST one officer action per request, each on a dossier of its own: the desk forwards a dossier it has
-- just accepted (status 2, version 2) to the next step. bench/dossiers/run.sh sets TOKEN and CODES_FILE,
-- one code per line; the two wrk threads take alternate lines so no dossier is acted on twice.
local codes = {}
for line in io.lines(os.getenv("CODES_FILE")) do codes[#codes + 1] = line end

local next_thread = 0
function setup(thread)
    thread:set("first", next_thread)
    next_thread = next_thread + 1
end

local sent = 0
function request()
    local code = codes[first + sent * 2 + 1] or "exhausted"
    sent = sent + 1
    return wrk.format("POST", "/api/v1/dossiers/" .. code .. "/actions", {
        ["Content-Type"] = "application/json",
        ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
    }, '{"action":"forward","version":2}')
end
