-- GET /brands/{id} with an id drawn uniformly from 1..BENCH_MAX_ID (default 1000): ids the run seeded.
local max_id = tonumber(os.getenv("BENCH_MAX_ID") or "1000")

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  return wrk.format("GET", "/brands/" .. math.random(1, max_id))
end
