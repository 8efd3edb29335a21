-- wrk script for bench/web_load.py.
--
-- Usage: wrk [options] http://127.0.0.1:PORT -- PATHS_FILE
--
-- PATHS_FILE holds one request path a line (already URL-encoded, e.g.
-- /herald/search?q=gun+control&limit=10). Every wrk thread cycles through
-- all of them, each thread starting at a different offset so the threads do
-- not send the same query at the same moment. Responses whose status is not
-- 2xx are counted per thread; done() prints one line
--   WRK_RESULT {json}
-- with the request count, duration, socket errors, non-2xx count and latency
-- percentiles (microseconds), which web_load.py parses.

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

local requests = {}
local pos = 1
non2xx = 0

function init(args)
   local path_file = args[1]
   if not path_file then
      error("web_load.lua: pass the paths file after --")
   end
   local f = assert(io.open(path_file, "r"))
   for line in f:lines() do
      if line ~= "" then
         table.insert(requests, wrk.format("GET", line))
      end
   end
   f:close()
   if #requests == 0 then
      error("web_load.lua: no request paths in " .. path_file)
   end
   -- Spread the threads' starting points over the list.
   pos = (id * 7919) % #requests + 1
end

function request()
   local r = requests[pos]
   pos = pos + 1
   if pos > #requests then
      pos = 1
   end
   return r
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, reqs)
   local bad = 0
   for _, thread in ipairs(threads) do
      bad = bad + (tonumber(thread:get("non2xx")) or 0)
   end
   local e = summary.errors
   io.write(string.format(
      'WRK_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
      '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, ' ..
      '"status_errors": %d, "non2xx": %d, "latency_mean_us": %.1f, "latency_max_us": %d, ' ..
      '"p50_us": %d, "p90_us": %d, "p99_us": %d, "p999_us": %d}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.timeout, e.status, bad,
      latency.mean, latency.max,
      latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency:percentile(99.9)))
end
