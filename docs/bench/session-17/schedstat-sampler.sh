#!/bin/bash
# Session 17: samples /proc/<pid>/task/<tid>/schedstat (CPU ns, ns waiting on a run queue, time slices)
# of every thread of the benchmark's JVM and of the JVMs it measures, once a second, while a bench runs:
#   ./schedstat-sampler.sh out.txt 'agent-router.jar bench' &  java -jar target/agent-router.jar bench ...; kill %1
# then: python3 schedstat-window.py out.txt router,pipe
out=$1
bench=${2:-agent-router.jar bench}
while true; do
  now=$(date +%s.%N)
  for pid in $(pgrep -f "AgentRouterCli (run|pipe-baseline)|$bench"); do
    for t in /proc/$pid/task/*; do
      c=$(cat $t/comm 2>/dev/null) || continue
      s=$(cat $t/schedstat 2>/dev/null) || continue
      echo "$now $pid ${t##*/} \"$c\" $s"
    done
  done >> "$out"
  sleep 1
done
