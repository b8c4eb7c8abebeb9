-- POST /brands with a name no other request of any run uses: <BENCH_RUN>-<wrk thread>-<counter>.
-- Sends Authorization: Bearer $BRANDSTATS_TOKEN when that variable is set.
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local token = os.getenv("BRANDSTATS_TOKEN")
local threads = 0
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  headers = { ["Content-Type"] = "application/json" }
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  prefix = "bench " .. run .. "-" .. tostring(tid) .. "-"
end

function request()
  counter = counter + 1
  local body = '{"name":"' .. prefix .. counter .. '","country":"DE","website":"https://bench.example"}'
  return wrk.format("POST", "/brands", headers, body)
end
