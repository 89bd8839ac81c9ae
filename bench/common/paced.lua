-- wrk script: every connection waits 1 ms after each answer before its next request, so two servers that both keep
-- up get (nearly) the same request rate and their latencies are compared at the same load, below saturation.
function delay()
  return 1
end
