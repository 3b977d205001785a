-- wrk's `done` hook: one machine-readable line with exact figures (its own summary rounds them and
-- mixes units). Latency is in microseconds, duration in microseconds.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "groundwork-wrk requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
