#!/usr/bin/env bash
# Write-path benchmark: the same remote-write load against Tributary, Prometheus 2.42 (remote-write receiver) and
# VictoriaMetrics single node, one target at a time, for each series count. Prints a Markdown table with ratios vs
# Prometheus and appends it (plus the raw generator JSON) to the results file.
#
# Usage: bench/run-write-path.sh [RESULTS_FILE]        (default: bench-work/write-path-results.md)
#
# Knobs (environment):
#   DURATION=30s WARMUP=10s SERIES_LIST="10000 100000" CONCURRENCY=4 SAMPLES_PER_REQUEST=2000 LABEL_COUNT=10
#   PROTOCOL=v1          v2 only makes sense for Tributary: Prometheus 2.42 and VM 1.79 read v2 bodies as empty v1
#   TENANT=bench         sent as X-Scope-OrgID to every target (the others ignore it)
#   TARGETS="tributary prometheus victoriametrics"
#   TRIBUTARY_CMD        launcher replacing "java $TRIBUTARY_JAVA_OPTS -jar target/tributary-*.jar"; the script
#                        appends --server.port, --tributary.data-dir and the rate-limit flags, then TRIBUTARY_ARGS
#   TRIBUTARY_PATH=/api/v1/push  TRIBUTARY_READY_PATH=/actuator/health
#   TRIBUTARY_PORT=18080 PROM_PORT=19090 VM_PORT=18428
#   GEN_CPUS / SERVER_CPUS   optional taskset CPU lists (e.g. 0 and 1) to pin generator and server apart
#   GEN_JAVA_OPTS="-Xms512m -Xmx2g"  READY_TIMEOUT=120  MAX_TOTAL_SECONDS=840  MVN_FLAGS=-o
#
# Loopback only: every server binds 127.0.0.1 and the generator only targets 127.0.0.1.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

RESULTS=${1:-${RESULTS:-bench-work/write-path-results.md}}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
SERIES_LIST=${SERIES_LIST:-"10000 100000"}
CONCURRENCY=${CONCURRENCY:-4}
SAMPLES_PER_REQUEST=${SAMPLES_PER_REQUEST:-2000}
LABEL_COUNT=${LABEL_COUNT:-10}
PROTOCOL=${PROTOCOL:-v1}
TENANT=${TENANT:-bench}
TARGETS=${TARGETS:-"tributary prometheus victoriametrics"}
TRIBUTARY_PATH=${TRIBUTARY_PATH:-/api/v1/push}
TRIBUTARY_READY_PATH=${TRIBUTARY_READY_PATH:-/actuator/health}
TRIBUTARY_PORT=${TRIBUTARY_PORT:-18080}
PROM_PORT=${PROM_PORT:-19090}
VM_PORT=${VM_PORT:-18428}
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:-"-Xms512m -Xmx2g"}
READY_TIMEOUT=${READY_TIMEOUT:-120}
MAX_TOTAL_SECONDS=${MAX_TOTAL_SECONDS:-840}
MVN_FLAGS=${MVN_FLAGS:--o}

WORK=$(mktemp -d /tmp/tributary-bench.XXXXXX)
SERVER_PID=""
START_EPOCH=$(date +%s)
ROWS="$WORK/rows.tsv"      # target series sps p50 p99 errors rss_mib client_cpu server_cpu note per_cpu_s
RAW="$WORK/raw.jsonl"
: >"$ROWS"
: >"$RAW"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

add_skip() { printf '%s\t%s\t-\t-\t-\t-\t-\t-\t-\t%s\t-\n' "$1" "$2" "$3" >>"$ROWS"; }

# ---------------------------------------------------------------------------------------------------- build

build_bench_classpath "$WORK" "$MVN_FLAGS" || exit 1
GEN_PIN=(); [[ -n "${GEN_CPUS:-}" ]] && GEN_PIN=(taskset -c "$GEN_CPUS")
SRV_PIN=(); [[ -n "${SERVER_CPUS:-}" ]] && SRV_PIN=(taskset -c "$SERVER_CPUS")
CLK_TCK=$(getconf CLK_TCK)
DUR_S=$(seconds_of "$DURATION")

# ---------------------------------------------------------------------------------------------------- one target

run_target() { # target series
  local target=$1 series=$2 port url ready cmd
  local data="$WORK/data-$target-$series"
  mkdir -p "$data"
  case $target in
    tributary)
      if ! cmd=$(tributary_launcher); then
        log "SKIP tributary: no target/tributary-*.jar (build it with ./mvnw -B -q -o package -DskipTests, or set TRIBUTARY_CMD)"
        add_skip tributary "$series" "skipped: jar missing"
        return 0
      fi
      port=$TRIBUTARY_PORT
      url="http://127.0.0.1:$port$TRIBUTARY_PATH"
      ready="http://127.0.0.1:$port$TRIBUTARY_READY_PATH"
      # No Kafka address on purpose: Tributary then starts its embedded broker under the data dir.
      cmd="$cmd --server.address=127.0.0.1 --server.port=$port --tributary.data-dir=$data"
      cmd="$cmd --distributor.ingestion-rate-limit=1000000000 --distributor.ingestion-burst-size=1000000000 ${TRIBUTARY_ARGS:-}"
      ;;
    prometheus)
      port=$PROM_PORT
      url="http://127.0.0.1:$port/api/v1/write"
      ready="http://127.0.0.1:$port/-/ready"
      # An empty config: no scrapes of its own, so it only does the remote-write work we send.
      printf 'global: {}\n' >"$WORK/prometheus.yml"
      cmd="prometheus --config.file=$WORK/prometheus.yml --web.enable-remote-write-receiver"
      cmd="$cmd --storage.tsdb.path=$data --web.listen-address=127.0.0.1:$port --log.level=warn"
      ;;
    victoriametrics)
      port=$VM_PORT
      url="http://127.0.0.1:$port/api/v1/write"
      ready="http://127.0.0.1:$port/health"
      cmd="victoria-metrics -storageDataPath=$data -httpListenAddr=127.0.0.1:$port -loggerLevel=WARN"
      ;;
    *) log "unknown target $target"; return 1 ;;
  esac

  if port_in_use "$port"; then
    log "SKIP $target: 127.0.0.1:$port is already in use by another process"
    add_skip "$target" "$series" "skipped: port $port busy"
    return 0
  fi

  log "$target/$series: starting: $cmd"
  # exec keeps $! equal to the server's own pid, which is what /proc/<pid>/status must describe.
  ( exec "${SRV_PIN[@]}" $cmd >"$WORK/$target-$series.log" 2>&1 ) &
  SERVER_PID=$!
  if ! wait_ready "$ready" "$SERVER_PID" "$READY_TIMEOUT"; then
    log "$target/$series: not ready after ${READY_TIMEOUT}s; last log lines:"
    tail -20 "$WORK/$target-$series.log" >&2 || true
    stop_server
    add_skip "$target" "$series" "failed: not ready"
    rm -rf "$data"
    return 0
  fi
  log "$target/$series: ready; warmup $WARMUP, measuring $DURATION"

  local glog="$WORK/gen-$target-$series.log" gout="$WORK/gen-$target-$series.json"
  "${GEN_PIN[@]}" java $GEN_JAVA_OPTS -cp "$GEN_CP" io.tributary.bench.RemoteWriteLoadGenerator \
    --url "$url" --series "$series" --samples-per-request "$SAMPLES_PER_REQUEST" --concurrency "$CONCURRENCY" \
    --duration "$DURATION" --warmup "$WARMUP" --timeout 10s --tenant "$TENANT" --protocol "$PROTOCOL" \
    --label-count "$LABEL_COUNT" --result-file "$gout" >/dev/null 2>"$glog" &
  local gpid=$! c0="" c1=""
  # Sample the server's CPU exactly over the generator's measured window.
  while kill -0 "$gpid" 2>/dev/null; do
    if [[ -z "$c0" ]] && grep -qs '^measure-start' "$glog"; then c0=$(cpu_ticks "$SERVER_PID"); fi
    if [[ -z "$c1" ]] && grep -qs '^measure-end' "$glog"; then c1=$(cpu_ticks "$SERVER_PID"); fi
    sleep 0.1
  done
  wait "$gpid" || true
  local rss
  rss=$(vm_hwm_mib "$SERVER_PID")
  local alive=yes
  kill -0 "$SERVER_PID" 2>/dev/null || alive=no
  stop_server
  rm -rf "$data"
  grep '^error' "$glog" | head -3 >&2 || true

  if [[ ! -s "$gout" ]]; then
    log "$target/$series: generator produced no result; its log:"
    tail -20 "$glog" >&2
    add_skip "$target" "$series" "failed: no result"
    return 0
  fi
  jq -c --arg target "$target" '. + {target: $target}' "$gout" >>"$RAW"
  local server_cpu="?"
  if [[ -n "$c0" && -n "$c1" ]]; then
    server_cpu=$(awk -v a="$c0" -v b="$c1" -v t="$CLK_TCK" -v d="$DUR_S" 'BEGIN {printf "%.2f", (b - a) / t / d}')
  fi
  local note="" per_cpu="-"
  [[ $alive == no ]] && note="server died during run"
  if [[ $server_cpu != "?" ]]; then
    per_cpu=$(jq -r --arg c "$server_cpu" 'if ($c | tonumber) > 0 then (.samples_per_sec / ($c | tonumber) | floor) else "-" end' "$gout")
  fi
  jq -r --arg t "$target" --arg rss "$rss" --arg scpu "$server_cpu" --arg note "$note" --arg pc "$per_cpu" '
    [$t, .series, (.samples_per_sec | floor),
     .latency_ms.p50, .latency_ms.p99,
     (if .requests_failed == 0 then "0"
      else "\(.requests_failed) (\(.status | to_entries | map(select(.key | startswith("2") | not)) | map("\(.key):\(.value)") | join(" ")))" end),
     $rss, .client_cpu_cores, $scpu, $note, $pc] | @tsv' "$gout" >>"$ROWS"
  log "$target/$series: $(jq -c '{samples_per_sec, latency_ms, status}' "$gout") VmHWM=${rss}MiB server_cpu=$server_cpu"
}

# ---------------------------------------------------------------------------------------------------- main

LOAD_BEFORE=$(host_load)
log "host before run: $LOAD_BEFORE"

for series in $SERIES_LIST; do
  for target in $TARGETS; do
    if (( $(date +%s) - START_EPOCH > MAX_TOTAL_SECONDS )); then
      log "SKIP $target/$series: over the ${MAX_TOTAL_SECONDS}s budget"
      add_skip "$target" "$series" "skipped: time budget"
      continue
    fi
    run_target "$target" "$series"
  done
done

TABLE="$WORK/table.md"
{
  echo "## Write path, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "Load: remote-write $PROTOCOL, $LABEL_COUNT labels/series, <= $SAMPLES_PER_REQUEST samples/request," \
       "$CONCURRENCY closed-loop workers, warmup $WARMUP, measured $DURATION, tenant header X-Scope-OrgID=$TENANT." \
       "Host: $(nproc) CPUs shared by client and server${GEN_CPUS:+ (generator pinned to $GEN_CPUS)}${SERVER_CPUS:+ (server pinned to $SERVER_CPUS)}," \
       "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)."
  echo
  echo "Host load before the run: $LOAD_BEFORE; after: $(host_load)."
  echo
  echo "| target | series | samples/s acked | p50 ms | p99 ms | errors | peak RSS MiB | client CPU cores | server CPU cores | samples per server CPU-s | note |"
  echo "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$11,$10}' "$ROWS"
  echo
  echo "Ratios vs Prometheus 2.42 at the same series count (samples/s and per-CPU: higher is better; p99 and RSS: lower is better):"
  echo
  echo "| target | series | samples/s ratio | p99 ratio | RSS ratio | samples per server CPU-s ratio |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk -F'\t' '
    $1 == "prometheus" && $3 != "-" { sps[$2] = $3; p99[$2] = $5; rss[$2] = $7; eff[$2] = $11 }
    { rows[NR] = $0 }
    END {
      for (i = 1; i <= NR; i++) {
        split(rows[i], f, "\t")
        if (f[1] == "prometheus" || f[3] == "-" || !(f[2] in sps)) continue
        r1 = (sps[f[2]] > 0) ? sprintf("%.2fx", f[3] / sps[f[2]]) : "n/a"
        r2 = (p99[f[2]] > 0) ? sprintf("%.2fx", f[5] / p99[f[2]]) : "n/a"
        r3 = (rss[f[2]] > 0 && f[7] ~ /^[0-9]+$/) ? sprintf("%.2fx", f[7] / rss[f[2]]) : "n/a"
        r4 = (eff[f[2]] > 0 && f[11] ~ /^[0-9]+$/) ? sprintf("%.2fx", f[11] / eff[f[2]]) : "n/a"
        printf "| %s | %s | %s | %s | %s | %s |\n", f[1], f[2], r1, r2, r3, r4
      }
    }' "$ROWS"
  echo
  echo "<details><summary>raw generator output</summary>"
  echo
  echo '```json'
  cat "$RAW"
  echo '```'
  echo "</details>"
  echo
} >"$TABLE"

cat "$TABLE"
mkdir -p "$(dirname "$RESULTS")"
cat "$TABLE" >>"$RESULTS"
log "appended to $RESULTS (total $(( $(date +%s) - START_EPOCH ))s)"
