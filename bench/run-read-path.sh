#!/usr/bin/env bash
# Read-path benchmark, in one run, with the write-path benchmark's load generator and load shape:
#   1. end-to-end sustained ingest at the generator's max rate: samples/s acknowledged and samples/s ingested into the
#      heads (Tributary, target=all, embedded broker), with the consumer lag sampled every second; Prometheus 2.42's
#      remote-write receiver and VictoriaMetrics under the same generator settings for comparison
#   3. strong-read latency: during step 1 on Tributary, StrongReadProbe sends X-Read-Consistency: strong remote reads
#   4. replay after kill -9: Tributary is killed after step 1 and restarted on the same data dir
#   2. RSS per 100k active series: each target gets RSS_SERIES series at a fixed RSS_RATE for RSS_DURATION
# Prints a Markdown section and appends it to the results file.
#
# Usage: bench/run-read-path.sh [RESULTS_FILE]          (default: bench-work/read-path-results.md)
#
# Knobs (environment):
#   DURATION=30s WARMUP=10s SERIES=100000 CONCURRENCY=4 SAMPLES_PER_REQUEST=2000 LABEL_COUNT=10 TENANT=bench
#   TARGETS="tributary prometheus victoriametrics"   (steps 1 and 2; steps 3 and 4 need tributary)
#   STEPS="e2e rss"      e2e = steps 1, 3, 4; rss = step 2
#   LAG_LIMIT_S=2        step 1 is flagged invalid when the max observed lag reaches it
#   PROBE_INTERVAL=200ms PROBE_RANGE=5m   strong-read pause between reads and query range
#   PROBE_MATCH="__name__=up instance=10.0.0.0:8080"   equality matchers of the probed series (generator series 38)
#   RSS_SERIES=100000 RSS_RATE=100000 RSS_DURATION=120s   fixed-rate load for step 2 (samples/s over all series)
#   RSS_TRIBUTARY_HEAPS="default -Xmx1g"   Tributary JVM heap settings for step 2 ("default" = no -Xmx)
#   TRIBUTARY_JAVA_OPTS  JVM options for Tributary in steps 1, 3, 4
#   TRIBUTARY_CMD        launcher replacing "java $TRIBUTARY_JAVA_OPTS -jar target/tributary-*.jar" (as in
#                        run-write-path.sh; then RSS_TRIBUTARY_HEAPS cannot change the heap)
#   TRIBUTARY_ARGS       extra Tributary flags appended to every start
#   TRIBUTARY_PORT=18080 PROM_PORT=19090 VM_PORT=18428
#   GEN_CPUS / SERVER_CPUS   optional taskset CPU lists
#   GEN_JAVA_OPTS="-Xms512m -Xmx2g"  READY_TIMEOUT=120  REPLAY_TIMEOUT=900  MVN_FLAGS=-o
#
# Loopback only: every server binds 127.0.0.1.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

RESULTS=${1:-${RESULTS:-bench-work/read-path-results.md}}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
SERIES=${SERIES:-100000}
CONCURRENCY=${CONCURRENCY:-4}
SAMPLES_PER_REQUEST=${SAMPLES_PER_REQUEST:-2000}
LABEL_COUNT=${LABEL_COUNT:-10}
TENANT=${TENANT:-bench}
TARGETS=${TARGETS:-"tributary prometheus victoriametrics"}
STEPS=${STEPS:-"e2e rss"}
LAG_LIMIT_S=${LAG_LIMIT_S:-2}
PROBE_INTERVAL=${PROBE_INTERVAL:-200ms}
PROBE_RANGE=${PROBE_RANGE:-5m}
PROBE_MATCH=${PROBE_MATCH:-"__name__=up instance=10.0.0.0:8080"}
RSS_SERIES=${RSS_SERIES:-100000}
RSS_RATE=${RSS_RATE:-100000}
RSS_DURATION=${RSS_DURATION:-120s}
BENCH_ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-bench-admin}
RSS_TRIBUTARY_HEAPS=${RSS_TRIBUTARY_HEAPS:-"default -Xmx1g"}
TRIBUTARY_PORT=${TRIBUTARY_PORT:-18080}
PROM_PORT=${PROM_PORT:-19090}
VM_PORT=${VM_PORT:-18428}
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:-"-Xms512m -Xmx2g"}
READY_TIMEOUT=${READY_TIMEOUT:-120}
REPLAY_TIMEOUT=${REPLAY_TIMEOUT:-900}
MVN_FLAGS=${MVN_FLAGS:--o}

WORK=$(mktemp -d /tmp/tributary-readbench.XXXXXX)
SERVER_PID=""
SAMPLER_PID=""
START_EPOCH=$(date +%s)
OUT="$WORK/out.md"         # the sections, in step order
: >"$OUT"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
  if [[ -n "$SAMPLER_PID" ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_bench_classpath "$WORK" "$MVN_FLAGS" || exit 1
GEN_PIN=(); [[ -n "${GEN_CPUS:-}" ]] && GEN_PIN=(taskset -c "$GEN_CPUS")
SRV_PIN=(); [[ -n "${SERVER_CPUS:-}" ]] && SRV_PIN=(taskset -c "$SERVER_CPUS")
DUR_S=$(seconds_of "$DURATION")
# The command lines in the report show the classpath as $GEN_CP: the test classes plus the test-scope dependencies
# (what `./mvnw -o dependency:build-classpath -Dmdep.includeScope=test` prints).
GEN_MAIN=io.tributary.bench.RemoteWriteLoadGenerator
PROBE_MAIN=io.tributary.bench.StrongReadProbe

# ---------------------------------------------------------------------------------------------------- servers

# start_target target data-dir java-opts log  -> sets SERVER_PID, PUSH_URL, SERVER_CMD; 1 when it does not get ready
start_target() {
  local target=$1 data=$2 jopts=$3 slog=$4 cmd ready port
  mkdir -p "$data"
  case $target in
    tributary)
      if [[ -n "${TRIBUTARY_CMD:-}" ]]; then
        cmd=$TRIBUTARY_CMD
      else
        cmd=$(TRIBUTARY_JAVA_OPTS="$jopts" tributary_launcher) || {
          log "no target/tributary-*.jar (./mvnw -B -q -o package -DskipTests) and no TRIBUTARY_CMD"; return 1; }
      fi
      port=$TRIBUTARY_PORT
      PUSH_URL="http://127.0.0.1:$port/api/v1/push"
      ready="http://127.0.0.1:$port/actuator/health/readiness"
      # No Kafka address: Tributary starts its embedded broker (in this JVM) under the data dir; target=all.
      cmd="$cmd --server.address=127.0.0.1 --server.port=$port --tributary.data-dir=$data"
      cmd="$cmd --distributor.ingestion-rate-limit=1000000000 --distributor.ingestion-burst-size=1000000000"
      # /actuator/prometheus needs the console admin; a fixed benchmark-only password lets the scrapes log in.
      cmd="$cmd --tributary.console.password=$BENCH_ADMIN_PASSWORD ${TRIBUTARY_ARGS:-}"
      ;;
    prometheus)
      port=$PROM_PORT
      PUSH_URL="http://127.0.0.1:$port/api/v1/write"
      ready="http://127.0.0.1:$port/-/ready"
      printf 'global: {}\n' >"$WORK/prometheus.yml"
      cmd="prometheus --config.file=$WORK/prometheus.yml --web.enable-remote-write-receiver"
      cmd="$cmd --storage.tsdb.path=$data --web.listen-address=127.0.0.1:$port --log.level=warn"
      ;;
    victoriametrics)
      port=$VM_PORT
      PUSH_URL="http://127.0.0.1:$port/api/v1/write"
      ready="http://127.0.0.1:$port/health"
      cmd="victoria-metrics -storageDataPath=$data -httpListenAddr=127.0.0.1:$port -loggerLevel=WARN"
      ;;
    *) log "unknown target $target"; return 1 ;;
  esac
  if port_in_use "$port"; then
    log "127.0.0.1:$port is already in use by another process"
    return 1
  fi
  SERVER_CMD=$cmd
  log "$target: starting: $cmd"
  ( exec "${SRV_PIN[@]}" $cmd >>"$slog" 2>&1 ) &
  SERVER_PID=$!
  if ! wait_ready "$ready" "$SERVER_PID" "${5:-$READY_TIMEOUT}"; then
    log "$target: not ready; last log lines:"
    tail -20 "$slog" >&2 || true
    stop_server
    return 1
  fi
}

# One scrape of Tributary's /actuator/prometheus: "ingested_samples enqueued_records consumed_records
# receive_delay_p99_running_max memory_series", or "NA" when the scrape failed. consumed = sum over partitions of
# (last consumed offset + 1), which on a fresh topic is the records consumed.
scrape_tributary() {
  curl -fsS --max-time 2 -u "admin:$BENCH_ADMIN_PASSWORD" "http://127.0.0.1:$TRIBUTARY_PORT/actuator/prometheus" 2>/dev/null | awk '
    /^tributary_ingester_ingested_samples_total/ { ing += $NF; seen = 1 }
    /^tributary_ingest_storage_writer_produce_records_enqueued_total/ { enq += $NF }
    /^tributary_ingest_storage_reader_last_consumed_offset\{/ { con += $NF + 1 }
    /^tributary_ingest_storage_reader_receive_delay_seconds\{/ && /phase="running"/ && /quantile="0.99"/ { if ($NF + 0 > d) d = $NF + 0 }
    /^tributary_ingester_memory_series/ { ms += $NF }
    END { if (seen) printf "%.0f %.0f %.0f %.3f %.0f\n", ing, enq, con, d, ms; else print "NA" }' || echo NA
}

run_generator() { # url series duration warmup result-file log [extra args...]
  local url=$1 series=$2 dur=$3 warm=$4 res=$5 glog=$6
  shift 6
  "${GEN_PIN[@]}" java $GEN_JAVA_OPTS -cp "$GEN_CP" $GEN_MAIN \
    --url "$url" --series "$series" --samples-per-request "$SAMPLES_PER_REQUEST" --concurrency "$CONCURRENCY" \
    --duration "$dur" --warmup "$warm" --timeout 10s --tenant "$TENANT" --label-count "$LABEL_COUNT" \
    --result-file "$res" "$@" >/dev/null 2>"$glog"
}

gen_cmdline() { # url series duration warmup [extra...]
  local url=$1 series=$2 dur=$3 warm=$4
  shift 4
  echo "java $GEN_JAVA_OPTS -cp \$GEN_CP $GEN_MAIN --url $url --series $series --samples-per-request $SAMPLES_PER_REQUEST" \
       "--concurrency $CONCURRENCY --duration $dur --warmup $warm --timeout 10s --tenant $TENANT --label-count $LABEL_COUNT $*"
}

# ---------------------------------------------------------------------------------------------------- step 1, 3, 4

E2E_ROWS="$WORK/e2e.tsv"   # target sps_acked sps_ingested p50 p99 errors lag_delay lag_off_s lag_rec valid hwm note
: >"$E2E_ROWS"
E2E_CMDS="$WORK/e2e-cmds.txt"
: >"$E2E_CMDS"
PROBE_SECTION="$WORK/probe.md"
REPLAY_SECTION="$WORK/replay.md"

e2e_tributary() {
  local data="$WORK/data-tributary-e2e" slog="$WORK/tributary-e2e.log"
  if ! start_target tributary "$data" "${TRIBUTARY_JAVA_OPTS:-}" "$slog"; then
    printf 'tributary\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\tfailed to start\n' >>"$E2E_ROWS"
    return 0
  fi
  local tcmd=$SERVER_CMD
  echo "- Tributary: \`$tcmd\`" >>"$E2E_CMDS"
  local samples="$WORK/samples.tsv" gout="$WORK/gen-tributary.json" glog="$WORK/gen-tributary.log"
  local pout="$WORK/probe.json" plog="$WORK/probe.log"
  : >"$samples"
  # Consumer lag, sampled every second for the whole run (warm-up included; the report uses the measured window).
  ( while :; do echo "$(now_ms) $(scrape_tributary)"; sleep 1; done ) >>"$samples" 2>/dev/null &
  SAMPLER_PID=$!
  local match_args=() m
  for m in $PROBE_MATCH; do match_args+=(--match "$m"); done
  local probe_url="http://127.0.0.1:$TRIBUTARY_PORT/api/v1/read"
  "${GEN_PIN[@]}" java -Xmx256m -cp "$GEN_CP" $PROBE_MAIN --url "$probe_url" --tenant "$TENANT" "${match_args[@]}" \
    --interval "$PROBE_INTERVAL" --range "$PROBE_RANGE" --duration "$DURATION" --warmup "$WARMUP" \
    --result-file "$pout" >/dev/null 2>"$plog" &
  local probe_pid=$!
  log "tributary: max-rate load for $WARMUP + $DURATION, $SERIES series, strong-read probe every $PROBE_INTERVAL"
  run_generator "$PUSH_URL" "$SERIES" "$DURATION" "$WARMUP" "$gout" "$glog" &
  local gpid=$! m0="" m1="" t0="" t1=""
  while kill -0 "$gpid" 2>/dev/null; do
    if [[ -z "$t0" ]] && grep -qs '^measure-start' "$glog"; then t0=$(now_ms); m0=$(scrape_tributary); fi
    if [[ -z "$t1" ]] && grep -qs '^measure-end' "$glog"; then t1=$(now_ms); m1=$(scrape_tributary); fi
    sleep 0.1
  done
  wait "$gpid" || true
  wait "$probe_pid" || true
  local hwm
  hwm=$(vm_hwm_mib "$SERVER_PID")
  # Let the readers drain what was acknowledged, so the replay below has a known amount to rebuild.
  local drained="" i st
  for i in $(seq 1 60); do
    st=$(scrape_tributary)
    if [[ $st != NA ]] && awk '{exit !($3 >= $2)}' <<<"$st"; then drained=$st; break; fi
    sleep 1
  done
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
  grep '^error' "$glog" | head -3 >&2 || true

  echo "- Tributary load: \`$(gen_cmdline "$PUSH_URL" "$SERIES" "$DURATION" "$WARMUP")\`" >>"$E2E_CMDS"
  echo "- Strong-read probe (same time): \`java -Xmx256m -cp \$GEN_CP $PROBE_MAIN --url $probe_url --tenant $TENANT ${match_args[*]} --interval $PROBE_INTERVAL --range $PROBE_RANGE --duration $DURATION --warmup $WARMUP\`" >>"$E2E_CMDS"
  echo "- Lag and ingested samples: \`curl -u admin:$BENCH_ADMIN_PASSWORD http://127.0.0.1:$TRIBUTARY_PORT/actuator/prometheus\` every second and at the generator's measure-start/measure-end markers" >>"$E2E_CMDS"

  if [[ ! -s "$gout" || -z "$m0" || -z "$m1" || $m0 == NA || $m1 == NA ]]; then
    log "tributary: no generator result or no scrape at the markers; generator log:"
    tail -20 "$glog" >&2
    printf 'tributary\t-\t-\t-\t-\t-\t-\t-\t-\t-\t%s\tfailed: no result\n' "$hwm" >>"$E2E_ROWS"
  else
    local ing_sps lag
    ing_sps=$(awk -v a="${m0%% *}" -v b="${m1%% *}" -v t0="$t0" -v t1="$t1" 'BEGIN {printf "%.0f", (b - a) / ((t1 - t0) / 1000)}')
    # Lag over the measured window [t0, t1]:
    #  - receive delay: max of the readers' running-phase p99 (Micrometer's decaying window, all partitions)
    #  - offsets: records enqueued by the writer minus records consumed; in seconds, how long before the sample's
    #    time the writer had enqueued as many records as the readers had consumed (linear between 1 s samples)
    lag=$(awk -v t0="$t0" -v t1="$t1" '
      $2 != "NA" { n++; t[n] = $1; e[n] = $3; c[n] = $4; d[n] = $5 }
      END {
        md = 0; ms = 0; mr = 0; k = 0
        for (i = 1; i <= n; i++) {
          if (t[i] < t0 || t[i] > t1) continue
          k++
          if (d[i] > md) md = d[i]
          if (e[i] - c[i] > mr) mr = e[i] - c[i]
          if (c[i] >= e[i]) continue
          for (j = 1; j <= i && e[j] < c[i]; j++) ;
          if (j > 1 && e[j] > e[j - 1]) at = t[j - 1] + (c[i] - e[j - 1]) / (e[j] - e[j - 1]) * (t[j] - t[j - 1])
          else at = t[j]
          if ((t[i] - at) / 1000 > ms) ms = (t[i] - at) / 1000
        }
        printf "%.3f %.2f %.0f %d\n", md, ms, mr, k
      }' "$samples")
    local lag_d lag_s lag_r nsamp valid
    read -r lag_d lag_s lag_r nsamp <<<"$lag"
    valid=$(awk -v a="$lag_d" -v b="$lag_s" -v l="$LAG_LIMIT_S" -v k="$nsamp" 'BEGIN {print (k > 0 && a < l && b < l) ? "yes" : "NO"}')
    jq -r --arg ing "$ing_sps" --arg ld "$lag_d" --arg ls "$lag_s" --arg lr "$lag_r" --arg v "$valid" --arg hwm "$hwm" \
          --arg note "$nsamp lag samples in window; strong-read probe running" '
      ["tributary", (.samples_per_sec | floor), $ing, .latency_ms.p50, .latency_ms.p99,
       (if .requests_failed == 0 then "0" else "\(.requests_failed) \(.status)" end),
       $ld, $ls, $lr, $v, $hwm, $note] | @tsv' "$gout" >>"$E2E_ROWS"
    log "tributary: $(jq -c '{samples_per_sec, latency_ms}' "$gout") ingested/s=$ing_sps lag(delay p99 max)=${lag_d}s lag(offsets)=${lag_s}s/${lag_r} records"
  fi

  # ---- step 3: the probe's result
  {
    echo "### 3. Strong-read latency under the step-1 load (Tributary)"
    echo
    echo "One remote read (SAMPLES answer) of \`{${PROBE_MATCH// /, }}\` over the last $PROBE_RANGE, header" \
         "\`X-Read-Consistency: strong\`, tenant \`$TENANT\`, sequential with a $PROBE_INTERVAL pause, during the" \
         "measured $DURATION of step 1. A strong read first waits for the next last-produced-offset poll that starts" \
         "after it arrives (\`ingest-storage.kafka.last-produced-offset-poll-interval\`, default 1 s), so that interval sets a" \
         "floor under these latencies. Command: \`java -Xmx256m -cp \$GEN_CP $PROBE_MAIN --url $probe_url --tenant $TENANT ${match_args[*]} --interval $PROBE_INTERVAL --range $PROBE_RANGE --duration $DURATION --warmup $WARMUP\`"
    echo
    if [[ -s "$pout" ]]; then
      echo "| reads | non-200 | statuses | empty answers | avg samples/answer | p50 ms | p99 ms | max ms | last error |"
      echo "|---:|---:|---|---:|---:|---:|---:|---:|---|"
      jq -r '"| \(.reads) | \(.non_200) | \(.status | to_entries | map("\(.key):\(.value)") | join(" ")) | \(.empty_answers) | \(.avg_samples_per_answer) | \(.latency_ms.p50) | \(.latency_ms.p99) | \(.latency_ms.max) | \(.last_error | .[0:120]) |"' "$pout"
    else
      echo "The probe produced no result; its log:"
      echo
      echo '```'
      tail -10 "$plog"
      echo '```'
    fi
    echo
  } >"$PROBE_SECTION"

  # ---- step 4: kill -9, restart on the same data dir, time the replay
  local before_ing="?" before_rec="?"
  if [[ -n "$drained" ]]; then read -r before_ing _ before_rec _ <<<"$drained"; fi
  log "tributary: kill -9 $SERVER_PID (heads hold $before_ing samples from $before_rec records${drained:+; readers had drained the topic})"
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  local rlog="$WORK/tributary-replay.log" r_start r_ready ready_ok=yes
  r_start=$(now_ms)
  start_target tributary "$data" "${TRIBUTARY_JAVA_OPTS:-}" "$rlog" "$REPLAY_TIMEOUT" || ready_ok=no
  r_ready=$(now_ms)
  local after="NA"
  [[ $ready_ok == yes ]] && after=$(scrape_tributary)
  stop_server
  # Log times are ISO-8601 UTC with milliseconds at the start of the line.
  local first_consume last_caught ncons ncaught
  first_consume=$(grep 'consuming from offset' "$rlog" | head -1 | awk '{print $1}')
  last_caught=$(grep 'caught up at offset' "$rlog" | tail -1 | awk '{print $1}')
  ncons=$(grep -c 'consuming from offset' "$rlog" || true)
  ncaught=$(grep -c 'caught up at offset' "$rlog" || true)
  {
    echo "### 4. Replay after kill -9 (Tributary)"
    echo
    echo "After step 1 (and once the readers had consumed every enqueued record, or 60 s), Tributary got SIGKILL" \
         "(the in-process broker with it) and was started again with the same command on the same data dir:" \
         "\`$tcmd\`. With no block cut yet (the head window is 2 h), the replay checkpoint is absent and every" \
         "partition is read again from its start, so the replay rebuilds the heads from the whole topic." \
         "Readiness (\`/actuator/health/readiness\` = 200) waits for every reader to catch up."
    echo
    if [[ $ready_ok == no || $after == NA ]]; then
      echo "**Not ready within ${REPLAY_TIMEOUT}s** (or the metrics scrape failed); last log lines:"
      echo
      echo '```'
      tail -15 "$rlog"
      echo '```'
    else
      local a_ing a_rec
      read -r a_ing _ a_rec _ <<<"$after"
      awk -v rs="$r_start" -v rr="$r_ready" -v fc="$first_consume" -v lc="$last_caught" -v ing="$a_ing" -v rec="$a_rec" \
          -v bi="$before_ing" -v br="$before_rec" -v nc="$ncons" -v nk="$ncaught" '
        function ms(iso,   cmd, v) { cmd = "date -u -d \"" iso "\" +%s%3N"; cmd | getline v; close(cmd); return v }
        BEGIN {
          fcm = (fc != "") ? ms(fc) : 0; lcm = (lc != "") ? ms(lc) : 0
          print "| measure | value |"
          print "|---|---:|"
          printf "| samples in the heads before the kill (ingested_samples_total) / records consumed | %s / %s |\n", bi, br
          printf "| samples replayed = ingested_samples_total when ready / records consumed | %s / %s |\n", ing, rec
          printf "| process start → readiness 200 (s) | %.2f |\n", (rr - rs) / 1000
          if (fcm > 0) {
            printf "| first \"consuming from offset\" log line → readiness 200 (s) | %.2f |\n", (rr - fcm) / 1000
            printf "| **replayed samples/s** = samples replayed / (first \"consuming from offset\" → readiness 200) | **%.0f** |\n", ing / ((rr - fcm) / 1000)
          }
          if (fcm > 0 && lcm > fcm) {
            printf "| first \"consuming from offset\" → last \"caught up at offset\" (s) | %.2f |\n", (lcm - fcm) / 1000
            printf "| samples/s over that (reading only, without the readiness poll granularity) | %.0f |\n", ing / ((lcm - fcm) / 1000)
          }
          printf "| process start → first \"consuming from offset\" (JVM, Spring, broker log recovery) (s) | %.2f |\n", (fcm > 0 ? (fcm - rs) / 1000 : 0)
          printf "| partitions: \"consuming from\" / \"caught up\" log lines | %s / %s |\n", nc, nk
        }'
      echo
      echo "Readiness is polled every 0.5 s, so \"→ readiness\" times are up to 0.5 s late. ingested_samples_total is" \
           "read once, right after readiness; nothing was writing, so every sample it counts was replayed."
    fi
    echo
  } >"$REPLAY_SECTION"
  rm -rf "$data"
}

e2e_other() { # prometheus|victoriametrics
  local target=$1 data="$WORK/data-$1-e2e" slog="$WORK/$1-e2e.log"
  if ! start_target "$target" "$data" "" "$slog"; then
    printf '%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\tfailed to start\n' "$target" >>"$E2E_ROWS"
    return 0
  fi
  echo "- $target: \`$SERVER_CMD\`; load: \`$(gen_cmdline "$PUSH_URL" "$SERIES" "$DURATION" "$WARMUP")\`" >>"$E2E_CMDS"
  local gout="$WORK/gen-$target.json" glog="$WORK/gen-$target.log"
  log "$target: max-rate load for $WARMUP + $DURATION, $SERIES series"
  run_generator "$PUSH_URL" "$SERIES" "$DURATION" "$WARMUP" "$gout" "$glog" || true
  local hwm
  hwm=$(vm_hwm_mib "$SERVER_PID")
  stop_server
  rm -rf "$data"
  grep '^error' "$glog" | head -3 >&2 || true
  if [[ ! -s "$gout" ]]; then
    printf '%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\t%s\tfailed: no result\n' "$target" "$hwm" >>"$E2E_ROWS"
    return 0
  fi
  local ingested="= acked (appended to head + WAL before 2xx)"
  [[ $target == victoriametrics ]] && ingested="n/a (2xx once buffered in memory)"
  jq -r --arg t "$target" --arg ing "$ingested" --arg hwm "$hwm" '
    [$t, (.samples_per_sec | floor), $ing, .latency_ms.p50, .latency_ms.p99,
     (if .requests_failed == 0 then "0" else "\(.requests_failed) \(.status)" end),
     "-", "-", "-", "-", $hwm, ""] | @tsv' "$gout" >>"$E2E_ROWS"
  log "$target: $(jq -c '{samples_per_sec, latency_ms}' "$gout")"
}

# ---------------------------------------------------------------------------------------------------- step 2

RSS_ROWS="$WORK/rss.tsv"   # target heap series rate per_series sps_acked rss hwm rss100k hwm100k mem_series note
: >"$RSS_ROWS"
RSS_CMDS="$WORK/rss-cmds.txt"
: >"$RSS_CMDS"

rss_run() { # target heap-setting
  local target=$1 heap=$2 jopts="" data="$WORK/data-$1-rss" slog="$WORK/$1-rss.log"
  [[ $heap != default && $heap != - ]] && jopts=$heap
  if ! start_target "$target" "$data" "$jopts" "$slog"; then
    printf '%s\t%s\t%s\t-\t-\t-\t-\t-\t-\t-\t-\tfailed to start\n' "$target" "$heap" "$RSS_SERIES" >>"$RSS_ROWS"
    return 0
  fi
  echo "- $target${jopts:+ ($jopts)}: \`$SERVER_CMD\`; load: \`$(gen_cmdline "$PUSH_URL" "$RSS_SERIES" "$RSS_DURATION" 0s --rate "$RSS_RATE")\`" >>"$RSS_CMDS"
  local gout="$WORK/gen-rss-$target-$heap.json" glog="$WORK/gen-rss-$target-$heap.log"
  log "$target ($heap): $RSS_SERIES series at $RSS_RATE samples/s for $RSS_DURATION"
  # VmRSS once a second during the load: a Go process's RSS rises and falls with its collector and scavenger, a
  # JVM's stays where its heap grew, so one reading at the end favours whichever happens to be low then.
  local samples="$WORK/rss-samples-$target-$heap.txt"
  ( while kill -0 "$SERVER_PID" 2>/dev/null; do vm_rss_mib "$SERVER_PID"; echo; sleep 1; done ) >"$samples" &
  local rss_sampler=$!
  run_generator "$PUSH_URL" "$RSS_SERIES" "$RSS_DURATION" 0s "$gout" "$glog" --rate "$RSS_RATE" || true
  kill "$rss_sampler" 2>/dev/null || true
  wait "$rss_sampler" 2>/dev/null || true
  local rss hwm ms="-" st late_mean
  # The mean over the load's last quarter, when every series has most of its samples.
  late_mean=$(awk 'NF && $1 ~ /^[0-9]+$/ {v[n++] = $1} END {
      if (n < 4) { print "-"; exit } s = 0; c = 0; for (i = int(n * 3 / 4); i < n; i++) { s += v[i]; c++ } printf "%.0f", s / c }' "$samples")
  rss=$(vm_rss_mib "$SERVER_PID")
  hwm=$(vm_hwm_mib "$SERVER_PID")
  if [[ $target == tributary ]]; then
    st=$(scrape_tributary)
    [[ $st != NA ]] && ms=$(awk '{print $5}' <<<"$st")
  fi
  stop_server
  rm -rf "$data"
  grep '^error' "$glog" | head -3 >&2 || true
  local sps="-" per_series="-"
  if [[ -s "$gout" ]]; then
    sps=$(jq -r '.samples_per_sec | floor' "$gout")
    per_series=$(jq -r '.samples_acked / .series | floor' "$gout")
  fi
  awk -v t="$target" -v h="$heap" -v s="$RSS_SERIES" -v r="$RSS_RATE" -v ps="$per_series" -v sps="$sps" \
      -v rss="$rss" -v hwm="$hwm" -v ms="$ms" -v late="$late_mean" 'BEGIN {
        printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.0f\t%.0f\t%s\t%s\n", t, h, s, r, ps, sps, rss, hwm,
               rss * 100000 / s, hwm * 100000 / s, ms, late }' >>"$RSS_ROWS"
  log "$target ($heap): acked $sps samples/s, VmRSS ${rss} MiB (mean over the load's last quarter ${late_mean}), VmHWM ${hwm} MiB"
}

# ---------------------------------------------------------------------------------------------------- main

LOAD_BEFORE=$(host_load)
log "host before run: $LOAD_BEFORE"

if [[ " $STEPS " == *" e2e "* ]]; then
  for target in $TARGETS; do
    case $target in
      tributary) e2e_tributary ;;
      *) e2e_other "$target" ;;
    esac
  done
fi
if [[ " $STEPS " == *" rss "* ]]; then
  for target in $TARGETS; do
    if [[ $target == tributary ]]; then
      for heap in $RSS_TRIBUTARY_HEAPS; do rss_run tributary "$heap"; done
    else
      rss_run "$target" -
    fi
  done
fi

TABLE="$WORK/table.md"
{
  echo "## Read path, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "Command: \`DURATION=$DURATION WARMUP=$WARMUP SERIES=$SERIES RSS_SERIES=$RSS_SERIES RSS_RATE=$RSS_RATE" \
       "RSS_DURATION=$RSS_DURATION TARGETS=\"$TARGETS\" STEPS=\"$STEPS\" bench/run-read-path.sh $RESULTS\`." \
       "\`\$GEN_CP\` below is target/test-classes, target/classes and the test-scope dependency classpath."
  echo
  echo "Load (as in the write-path benchmark): remote-write v1, $LABEL_COUNT labels/series, <= $SAMPLES_PER_REQUEST" \
       "samples/request, $CONCURRENCY closed-loop workers, tenant $TENANT. Host: $(nproc) CPUs shared by client and" \
       "server, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo). Load before: $LOAD_BEFORE; after: $(host_load)."
  echo
  if [[ " $STEPS " == *" e2e "* ]]; then
    echo "### 1. End-to-end sustained ingest, max rate, $SERIES series, warmup $WARMUP, measured $DURATION"
    echo
    echo "| target | samples/s acked | samples/s ingested into heads | p50 ms | p99 ms | errors | max lag: receive delay p99 (s) | max lag: offsets (s) | max lag: records | lag < ${LAG_LIMIT_S} s (valid) | peak RSS MiB | note |"
    echo "|---|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---|"
    awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12}' "$E2E_ROWS"
    echo
    awk -F'\t' '$1 == "prometheus" && $2 ~ /^[0-9]+$/ { p = $2 } { r[NR] = $0 }
      END { if (!p) exit; for (i = 1; i <= NR; i++) { split(r[i], f, "\t"); if (f[1] != "prometheus" && f[2] ~ /^[0-9]+$/)
        printf "%s acked / Prometheus acked: %.2fx%s. ", f[1], f[2] / p, (f[3] ~ /^[0-9]+$/) ? sprintf("; ingested into heads / Prometheus acked: %.2fx", f[3] / p) : "" } print "" }' "$E2E_ROWS"
    echo
    echo "Ingested = delta of \`tributary_ingester_ingested_samples_total\` between the generator's measure-start and" \
         "measure-end markers, divided by the wall time between the two scrapes. Lag is sampled once a second" \
         "within the measured window: *receive delay* is the max over the scrapes of" \
         "\`tributary_ingest_storage_reader_receive_delay_seconds{phase=\"running\",quantile=\"0.99\"}\` (one" \
         "summary over all partitions, Micrometer's decaying window of about 2 minutes, so it also remembers the" \
         "warm-up); *offsets* is records enqueued by the writer" \
         "(\`..._writer_produce_records_enqueued_total\`) minus records consumed (Σ over partitions of" \
         "\`..._reader_last_consumed_offset\` + 1), and in seconds how long before the scrape the writer had enqueued" \
         "as many records as the readers had consumed (interpolated between 1 s scrapes). The figure is valid only" \
         "if both stay under ${LAG_LIMIT_S} s. Tributary's peak RSS includes the in-process Kafka broker. The" \
         "strong-read probe of step 3 runs during Tributary's window."
    echo
    cat "$E2E_CMDS"
    echo
    [[ -s "$PROBE_SECTION" ]] && cat "$PROBE_SECTION"
    [[ -s "$REPLAY_SECTION" ]] && cat "$REPLAY_SECTION"
  fi
  if [[ " $STEPS " == *" rss "* ]]; then
    echo "### 2. Memory per 100k active series: $RSS_SERIES series at $RSS_RATE samples/s for $RSS_DURATION"
    echo
    echo "| target | JVM heap | series | target rate samples/s | samples/series | samples/s acked | VmRSS MiB (end) | VmRSS MiB (mean, last quarter of the load) | VmHWM MiB | VmRSS per 100k series | VmHWM per 100k series | tributary_ingester_memory_series |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,$6,$7,$12,$8,$9,$10,$11}' "$RSS_ROWS"
    echo
    echo "VmRSS and VmHWM from /proc/<pid>/status right after the load stops, before the server is stopped; the mean" \
         "is of VmRSS read once a second during the load's last quarter; per 100k" \
         "= value × 100000 / series (linear scaling, including each process's fixed base). Tributary is one JVM that" \
         "also runs the embedded Kafka broker (the topic's log segments and page cache are not in RSS, the broker's" \
         "heap and buffers are); \"default\" is the JVM's default heap (1/4 of RAM)."
    echo
    cat "$RSS_CMDS"
    echo
  fi
} >"$TABLE"

cat "$TABLE"
mkdir -p "$(dirname "$RESULTS")"
cat "$TABLE" >>"$RESULTS"
log "appended to $RESULTS (total $(( $(date +%s) - START_EPOCH ))s)"
