"""strikewire benchmarks: throughput, latency and scale-out (``make bench``), plus the eval and chaos runs."""
