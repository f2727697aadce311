-- wrk report for SafeWard's benchmarks: one JSON line after the run.
-- Counts non-2xx answers itself (wrk's own "status errors" only count 4xx/5xx, so a redirect
-- to the login page would pass unnoticed).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  status_seen = {}
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  status_seen[status] = (status_seen[status] or 0) + 1
end

function done(summary, latency, requests)
  local non = 0
  for _, thread in ipairs(threads) do
    non = non + (thread:get("non2xx") or 0)
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'SAFEWARD-WRK-JSON {"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.3f, '
      .. '"p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "errors": %d, "non2xx": %d, '
      .. '"bytes": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors, non, summary.bytes))
end
