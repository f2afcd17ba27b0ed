# Shell helpers shared by bench/run-write-path.sh and bench/run-read-path.sh. Source it after `cd` to the repository
# root and after setting ROOT; stop_server stops $SERVER_PID.

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

stop_server() {
  local pid=$SERVER_PID
  [[ -n "$pid" ]] || return 0
  SERVER_PID=""
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    # A TSDB with 100k fresh series can take a few seconds to close; don't wait forever.
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "pid $pid ignored SIGTERM for 30s; killing"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

seconds_of() { # 30s, 2m, 500ms, 45 -> whole seconds (rounded up)
  local v=$1
  case $v in
    *ms) echo $(( (${v%ms} + 999) / 1000 )) ;;
    *s) echo "${v%s}" ;;
    *m) echo $(( ${v%m} * 60 )) ;;
    *h) echo $(( ${v%h} * 3600 )) ;;
    *) echo "$v" ;;
  esac
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_ready() { # url pid timeout
  local url=$1 pid=$2 deadline=$(( $(date +%s) + $3 ))
  while (( $(date +%s) < deadline )); do
    kill -0 "$pid" 2>/dev/null || return 1
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  return 1
}

cpu_ticks() { # utime+stime of the whole process (all threads); fields after the ")" of comm
  local rest
  rest=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  awk '{print $12 + $13}' <<<"$rest"
}

vm_hwm_mib() { awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

tributary_launcher() {
  if [[ -n "${TRIBUTARY_CMD:-}" ]]; then
    echo "$TRIBUTARY_CMD"
    return 0
  fi
  local jar
  jar=$(ls target/tributary-*.jar 2>/dev/null | grep -v -e '-plain\.jar$' -e '\.original$' | head -1 || true)
  [[ -n "$jar" ]] || return 1
  echo "java ${TRIBUTARY_JAVA_OPTS:-} -jar $ROOT/$jar"
}

# Other processes competing for the same 2 CPUs make every number here lower; record how busy the host was.
host_load() {
  local busy
  # top's second frame gives current %CPU (ps would give lifetime averages).
  busy=$(top -b -n 2 -d 1 -w 256 2>/dev/null | awk '/^top -/ {f++} f == 2 && $1 ~ /^[0-9]+$/ && $9 + 0 >= 10 {printf "%s%s(%.0f%%)", sep, $12, $9; sep=", "}' | head -c 300)
  echo "loadavg $(cut -d' ' -f1-3 /proc/loadavg)${busy:+; busy processes: $busy}"
}

# Compiles the test classes (the bench tools) and sets GEN_CP to a classpath that runs them with plain `java -cp`.
build_bench_classpath() { # workdir mvn-flags
  local work=$1 flags=$2
  log "building bench tools (test-compile) and resolving their classpath"
  ./mvnw -B -q $flags test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >"$work/mvn.log" 2>&1 \
    || { cat "$work/mvn.log" >&2; log "build failed"; return 1; }
  GEN_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$work/cp.txt")"
}

vm_rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

now_ms() { date +%s%3N; }
