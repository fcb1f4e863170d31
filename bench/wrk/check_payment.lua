-- wrk script: the same POST /gateway on every request, formatted once per thread (a static request, the
-- cheapest for wrk, so the server gets as much of the machine as possible). Run by bench/PaySys.Bench.Runner:
--   wrk ... -s check_payment.lua <url> -- <auth-header> <body>
-- The Auth header is signed by the runner just before each wrk run; the sandbox accepts it for 300 s.
function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Auth"] = args[1]
  wrk.body = args[2]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non_2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
