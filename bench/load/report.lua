-- wrk's summary of one run as a single line the runner (scripts/bench-load) parses: requests,
-- duration and latency percentiles in microseconds, and the errors by kind (status: answers
-- other than 2xx/3xx). Scripts that count more (write.lua) add fields through `report_extra`.
report_extra = report_extra or function() return "" end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH-LOAD requests=%d duration_us=%d p50_us=%d p99_us=%d status=%d connect=%d read=%d write=%d timeout=%d%s\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout, report_extra()))
end
