-- wrk script: POST the example resolution with distinct case data on every
-- request (a fresh document number and a different member name), so no two
-- bodies are the same and Typst's caches see a new case each time.
--   wrk -t2 -c8 -d600s -s benches/load/render.lua URL -- CASE_FILE NUMBER_BASE PER_THREAD
local template
local names = { "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long",
                "Minh", "Nam", "Phúc", "Quang", "Sơn", "Thắng", "Vinh", "Xuân" }
local threads = {}
local counter = 0
local base = 0
local limit = 0
local answered = 0

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  template = f:read("*a")
  f:close()
  base = (tonumber(args[2]) or 0) + tid * 1000000
  -- args[3]: requests for this thread; it stops after that many answers.
  limit = tonumber(args[3]) or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function name_for(n)
  local parts = {}
  repeat
    table.insert(parts, names[(n % #names) + 1])
    n = math.floor(n / #names)
  until n == 0
  return table.concat(parts, " ")
end

function request()
  counter = counter + 1
  local n = base + counter
  local body = template
    :gsub('"so": 3', '"so": ' .. n, 1)
    :gsub("Lê Văn Hùng", "Lê Văn " .. name_for(n), 1)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  answered = answered + 1
  if limit > 0 and answered >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local ok = summary.requests - summary.errors.status - summary.errors.connect
    - summary.errors.read - summary.errors.write - summary.errors.timeout
  io.write(string.format(
    "RESULT requests=%d ok=%d non2xx=%d seconds=%.2f rps=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, ok, summary.errors.status, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
