-- POST /products with a unique sku (<BENCH_RUN>-<wrk thread>-<counter>) for a brand drawn from
-- 1..BENCH_BRANDS (default 20): a handful of brands, so the product service's brand check is answered
-- from its cache after the first request for each. Sends Authorization: Bearer $BRANDSTATS_TOKEN when set.
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local token = os.getenv("BRANDSTATS_TOKEN")
local brands = tonumber(os.getenv("BENCH_BRANDS") or "20")
local threads = 0
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  math.randomseed(os.time() + tid)
  headers = { ["Content-Type"] = "application/json" }
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  prefix = "B-" .. run .. "-" .. tostring(tid) .. "-"
end

function request()
  counter = counter + 1
  local body = '{"brandId":' .. math.random(1, brands) .. ',"sku":"' .. prefix .. counter
    .. '","name":"Bench product","category":"tents","price":19.90,"currency":"EUR"}'
  return wrk.format("POST", "/products", headers, body)
end
