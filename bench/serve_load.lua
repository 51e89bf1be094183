-- wrk script for bench/serve_load.sh: counts responses that are not 200 or
-- whose page does not end with </html> (truncated), per thread, then in all.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad_status = 0
  truncated = 0
end

function response(status, headers, body)
  if status ~= 200 then
    bad_status = bad_status + 1
  elseif not string.find(body, "</html>%s*$") then
    truncated = truncated + 1
  end
end

function done(summary, latency, requests)
  local bad, cut = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("bad_status")
    cut = cut + t:get("truncated")
  end
  io.write(string.format("requests %d, not 200: %d, truncated: %d, socket errors: %d\n",
    summary.requests, bad, cut,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
