-- wrk script: full payment lifecycles on POST /gateway. Each thread sends pam.prepare_payment, and for every
-- payment it prepared, pam.confirm_payment with the fixed OTP (the sandbox runs with PAYSYS_FIXED_OTP=666666)
-- on the next request any of its connections sends. Run by bench/PaySys.Bench.Runner:
--   wrk ... -s lifecycle.lua <url> -- <auth-header> <card-number> <card-expiry> <phone>
-- (the runner passes the magic UzCard of contracts/cards.json, so the numbers live only there).
local headers = { ["Content-Type"] = "application/json" }
local prepare
local prepared = {}
completed, failed = 0, 0

function init(args)
  headers["Auth"] = args[1]
  local prepare_body = '{"id":1,"method":"pam.prepare_payment","params":{"card_number":"' .. args[2] ..
    '","card_expire":"' .. args[3] .. '","phone_number":"' .. args[4] .. '","amount":100,"vendor_id":100381,"product":"bench"}}'
  prepare = wrk.format("POST", nil, headers, prepare_body)
end

function request()
  local id = table.remove(prepared)
  if id == nil then
    return prepare
  end
  return wrk.format("POST", nil, headers,
    '{"id":2,"method":"pam.confirm_payment","params":{"bank_transaction_id":' .. id .. ',"confirmation_code":"666666"}}')
end

function response(status, _, body)
  if status ~= 200 or not body:find('"error":null', 1, true) then
    failed = failed + 1
    return
  end
  local id = body:match('"bank_transaction_id":(%d+),"masked_phone_number"')
  if id then
    prepared[#prepared + 1] = id
  else
    completed = completed + 1
  end
end

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, _)
  local all_completed, all_failed = 0, 0
  for _, thread in ipairs(threads) do
    all_completed = all_completed + thread:get("completed")
    all_failed = all_failed + thread:get("failed")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non_2xx=%d socket_errors=%d completed=%d failed=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout, all_completed, all_failed))
end
