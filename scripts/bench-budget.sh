# The bench's cost budget, sourced by scripts/bench.sh: what one order costs each process and each shared resource,
# read from the operating system, PostgreSQL's statistics and RabbitMQ's management API, and printed as a table before
# the result line. CPU is counted twice: over the measured phase alone (the driver marks its start and end in
# $budget_phase_file, see its --phase-file) and over the driver's whole run, warm-up included.
#
#   budget_begin                 before the driver starts (services, database and broker running); starts sampling
#   budget_end ORDERS MEASURED   after the driver ended (ORDERS: every order it placed, warm-up included; MEASURED: the
#                                measured phase's): stops sampling and prints the table
#
# It reads bench.sh's variables (services, pids, run, vhost, provider, management_url, work) and its pg_psql.

hz=$(getconf CLK_TCK)

# CPU time of a process (user + system, in clock ticks) from /proc.
budget_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# PostgreSQL's CPU: every process of its user, plus the children that ended (a backend per connection).
budget_postgres_ticks() {
  local total=0 p master
  for p in $(pgrep -u postgres 2>/dev/null); do total=$((total + $(budget_ticks "$p"))); done
  master=$(pgrep -u postgres -o 2>/dev/null || true)
  [ -n "$master" ] && total=$((total + $(awk '{print $16 + $17}' "/proc/$master/stat" 2>/dev/null || echo 0)))
  echo "$total"
}

# The CPU of this shell's finished children (the driver's pipeline is one), in ticks, into budget_children: bash's
# `times`, second line. Run in this shell, not in $(...): a forked subshell starts its children's count at zero.
budget_count_children() {
  times >"$work/times"
  budget_children=$(sed -n 2p "$work/times" | awk -v hz="$hz" '{
    split($1, u, /[ms]/); split($2, s, /[ms]/)
    printf "%d\n", ((u[1] * 60 + u[2]) + (s[1] * 60 + s[2])) * hz
  }')
}

# Transactions and rows written in the bench's four databases, and the cluster's WAL position.
budget_database() {
  [ "$provider" = postgres ] || { echo "0 0 0/0"; return; }
  local names s
  names=$(for s in "${services[@]}"; do printf "'%s_%s'," "$run" "$s"; done)
  names=${names%,}
  pg_sql_value "SELECT coalesce(sum(xact_commit + xact_rollback), 0), coalesce(sum(tup_inserted + tup_updated + tup_deleted), 0), pg_current_wal_lsn()
                FROM pg_stat_database WHERE datname IN ($names)"
}

# Each service's connections to PostgreSQL and the data segments it sent on each, from the kernel's TCP counters (ss),
# into FILE as lines of PID PORT SEGMENTS. A request (a command, a commit's batch, an explicit transaction's COMMIT) is
# one segment on the loopback and waits for its answer before the next goes, so the segments are the round trips, read
# like the CPU from the operating system, with nothing counted inside the services. Nothing on SQLite, nor without ss
# (Debian's iproute2).
budget_sockets() {
  : >"$1"
  [ "$provider" = postgres ] && command -v ss >/dev/null || return 0
  ss -tinpH state established '( dport = :5432 )' 2>/dev/null | awk -v pids=" ${pids[*]} " '
    /users:/ { pid = ""; port = ""
               if (match($0, /pid=[0-9]+/)) pid = substr($0, RSTART + 4, RLENGTH - 4)
               split($3, local, ":"); port = local[2]; next }
    pid != "" && index(pids, " " pid " ") && match($0, /data_segs_out:[0-9]+/) { print pid, port, substr($0, RSTART + 14, RLENGTH - 14) }' >"$1"
}

# Each service's round trips over the measured phase, in bench.sh's order (- where not counted), then how many of the
# connections open at the measured mark had closed by the done mark: per connection, its segments at the done mark less
# those at the measured mark (all of them, for one opened since). A connection that closed within the phase takes its
# count with it, so with any closed the figures are a floor (a long run's pools close and open connections).
budget_phase_round_trips() {
  [ -s "$work/sockets.done" ] || { for _ in "${pids[@]}"; do printf -- '- '; done; echo 0; return; }
  awk -v pids="${pids[*]}" '
    BEGIN { n = split(pids, order, " ") }
    FILENAME == ARGV[1] { before[$1 " " $2] = $3; next }
    { sent[$1] += $3 - before[$1 " " $2]; still[$1 " " $2] = 1 }
    END { for (k in before) if (!(k in still)) closed++
          for (i = 1; i <= n; i++) printf "%d ", sent[order[i]] + 0; print closed + 0 }' "$work/sockets.measured" "$work/sockets.done"
}

# One row of a query's values, separated by spaces (bench.sh's pg_psql).
pg_sql_value() { pg_psql -qAt -F ' ' -c "$1"; }

# Messages published into and delivered out of the bench's virtual host, from the management API's totals.
budget_broker() {
  local stats
  stats=$(curl -fs "${management_url%/}/api/vhosts/$vhost" 2>/dev/null || true)
  local published delivered
  published=$(grep -o '"publish":[0-9]*' <<<"$stats" | head -1 | cut -d: -f2)
  delivered=$(grep -o '"deliver_get":[0-9]*' <<<"$stats" | head -1 | cut -d: -f2)
  echo "${published:-0} ${delivered:-0}"
}

# Every process's CPU ticks and the database's transactions and rows, on one line: the services in bench.sh's order,
# then PostgreSQL, RabbitMQ, and the database's counters. At one of the driver's marks (MARK), the services' connections
# too, into sockets.MARK (budget_sockets), the fast counters first: the load starts as the measured mark is written, and
# what a counter read late misses of it (the database's, through psql, takes the longest) is left out of the phase.
budget_counters() {
  local i line=""
  for i in "${!services[@]}"; do line+="$(budget_ticks "${pids[$i]}") "; done
  [ -n "${1:-}" ] && budget_sockets "$work/sockets.$1"
  line+="$(budget_postgres_ticks) $([ -n "$budget_rabbit_pid" ] && budget_ticks "$budget_rabbit_pid" || echo 0) $(budget_database)"
  echo "$line"
}

# Waits for the driver's marks and takes the counters at each into phase.measured and phase.done: the counters then,
# followed by the driver's own CPU milliseconds and the delivery attempts the services had counted as failed (from their
# GET /operator/metrics; - when not counted). The marks come through a FIFO, read blocking (opened for reading and
# writing, so it never reads an end of file between the driver's writes): no polling takes CPU from the run.
budget_watch_phase() {
  local mark cpu failed
  exec 3<>"$budget_phase_file"
  while read -r mark cpu failed <&3; do
    echo "$(budget_counters "$mark") $cpu ${failed:--}" >"$work/phase.$mark"
    [ "$mark" = done ] && break
  done
}

budget_begin() {
  budget_phase_file="$work/phase"
  rm -f "$budget_phase_file" "$work/phase.measured" "$work/phase.done" "$work/sockets.measured" "$work/sockets.done"
  mkfifo "$budget_phase_file"
  budget_rabbit_pid=$(pgrep -f beam.smp | head -1 || true)
  budget_watch_phase &
  budget_phase_watcher=$!
  declare -gA budget_before
  local i
  for i in "${!services[@]}"; do budget_before[${services[$i]}]=$(budget_ticks "${pids[$i]}"); done
  budget_before[postgres]=$(budget_postgres_ticks)
  budget_before[rabbitmq]=$([ -n "$budget_rabbit_pid" ] && budget_ticks "$budget_rabbit_pid" || echo 0)
  read -r budget_xacts budget_rows budget_lsn <<<"$(budget_database)"
  read -r budget_published budget_delivered <<<"$(budget_broker)"
  budget_count_children
  budget_before[driver]=$budget_children
  : >"$work/memory.tsv"
  budget_sample_memory &
  budget_sampler=$!
  budget_started=$(date +%s.%N)
}

# Resident memory of every service every 5 s, one line per sample: seconds, then MB per service.
budget_sample_memory() {
  local start=$SECONDS i line
  while true; do
    line="$((SECONDS - start))"
    for i in "${!services[@]}"; do
      line+=" $(awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/${pids[$i]}/status" 2>/dev/null || echo 0)"
    done
    echo "$line" >>"$work/memory.tsv"
    sleep 5
  done
}

budget_end() {
  local orders=$1 measured=$2 i s elapsed
  elapsed=$(echo "$(date +%s.%N) - $budget_started" | bc -l)
  budget_count_children # before anything else ends: the driver's pipeline is all that ran since budget_begin
  kill "$budget_sampler" 2>/dev/null || true
  wait "$budget_sampler" 2>/dev/null || true
  # The watcher ends once it has read the counters at the driver's done mark, which it may still be doing as the driver
  # ends (the driver's last checks can be quicker than ss, pgrep and psql): it is waited for, and stopped only after
  # 10 s, when the driver never marked the end.
  for _ in $(seq 1 100); do
    kill -0 "$budget_phase_watcher" 2>/dev/null || break
    sleep 0.1
  done
  kill "$budget_phase_watcher" 2>/dev/null || true
  wait "$budget_phase_watcher" 2>/dev/null || true
  # The management API's totals are sampled every few seconds: wait for the last of the run to be counted.
  sleep 6
  local xacts rows lsn published delivered
  read -r xacts rows lsn <<<"$(budget_database)"
  read -r published delivered <<<"$(budget_broker)"
  # per_order VALUE DIVISOR; ms_per_order TICKS_BEFORE TICKS_AFTER DIVISOR
  per_order() { echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'; }
  ms_per_order() { echo "scale=2; ($2 - $1) * 1000 / $hz / $3" | bc -l | sed 's/^\./0./'; }

  # The measured phase's counters, when the driver marked both ends of it.
  local -a start=() finish=()
  [ -s "$work/phase.measured" ] && [ -s "$work/phase.done" ] && read -r -a start <"$work/phase.measured" && read -r -a finish <"$work/phase.done"
  local n=${#services[@]} have_phase=0
  [ ${#finish[@]} -gt $((n + 5)) ] && have_phase=1
  local -a trips_by_service=()
  [ "$have_phase" = 1 ] && read -r -a trips_by_service <<<"$(budget_phase_round_trips)"
  # measured_cost COLUMN: a process's CPU per order over the measured phase, from the counters' column COLUMN.
  measured_cost() { [ "$have_phase" = 1 ] && ms_per_order "${start[$1]}" "${finish[$1]}" "$measured" || echo "-"; }

  echo "[bench] cost per order: CPU over the measured phase ($measured orders) and over the driver's whole run ($orders orders, its warm-up included, ${elapsed%.*} s):"
  printf '  %-10s %14s %14s %12s %28s %14s\n' process "cpu ms/order" "with warm-up" "round trips" "resident MB first/mid/last" "2nd half range"
  local total=0 whole=0 cost all trips
  add() { [ "$1" = "-" ] && echo "-" || echo "$2 + $1" | bc -l; }
  for i in "${!services[@]}"; do
    s=${services[$i]}
    cost=$(measured_cost "$i"); total=$(add "$cost" "$total")
    all=$(ms_per_order "${budget_before[$s]}" "$(budget_ticks "${pids[$i]}")" "$orders"); whole=$(echo "$whole + $all" | bc -l)
    # The service's round trips to the database per measured order (budget_phase_round_trips).
    trips=$([[ "${trips_by_service[i]:-}" =~ ^[0-9]+$ ]] && per_order "${trips_by_service[i]}" "$measured" || echo "-")
    printf '  %-10s %14s %14s %12s %28s %14s\n' "$s" "$cost" "$all" "$trips" "$(budget_memory_column $((i + 2)))" "$(budget_memory_range $((i + 2)))"
  done
  cost=$(measured_cost "$n"); total=$(add "$cost" "$total")
  all=$(ms_per_order "${budget_before[postgres]}" "$(budget_postgres_ticks)" "$orders"); whole=$(echo "$whole + $all" | bc -l)
  printf '  %-10s %14s %14s\n' postgres "$cost" "$all"
  cost=$(measured_cost $((n + 1))); total=$(add "$cost" "$total")
  all=$(ms_per_order "${budget_before[rabbitmq]}" "$([ -n "$budget_rabbit_pid" ] && budget_ticks "$budget_rabbit_pid" || echo 0)" "$orders"); whole=$(echo "$whole + $all" | bc -l)
  printf '  %-10s %14s %14s\n' rabbitmq "$cost" "$all"
  # The driver marks its own CPU in milliseconds.
  cost=$([ "$have_phase" = 1 ] && echo "scale=2; (${finish[$((n + 5))]} - ${start[$((n + 5))]}) / $measured" | bc -l | sed 's/^\./0./' || echo "-"); total=$(add "$cost" "$total")
  all=$(ms_per_order "${budget_before[driver]}" "$budget_children" "$orders"); whole=$(echo "$whole + $all" | bc -l)
  printf '  %-10s %14s %14s\n' driver "$cost" "$all"
  printf '  %-10s %14s %14s\n' total "$total" "$whole"
  if [ "$provider" = postgres ]; then
    local wal
    if [ "$have_phase" = 1 ]; then
      wal=$(pg_sql_value "SELECT pg_wal_lsn_diff('${finish[$((n + 4))]}', '${start[$((n + 4))]}')")
      local sum=0 j
      trips="-"
      if [[ "${trips_by_service[0]:-}" =~ ^[0-9]+$ ]]; then
        for j in "${!services[@]}"; do sum=$((sum + trips_by_service[j])); done
        trips=$(per_order "$sum" "$measured")
        [ "${trips_by_service[n]:-0}" -gt 0 ] && trips="at least $trips (${trips_by_service[n]} connections closed in the phase)"
      fi
      echo "  database: $(per_order $((finish[n + 2] - start[n + 2])) "$measured") transactions, $trips round trips, $(per_order $((finish[n + 3] - start[n + 3])) "$measured") rows written, $(per_order "${wal%.*}" "$measured") WAL bytes per order (measured phase)"
    else
      wal=$(pg_sql_value "SELECT pg_wal_lsn_diff('$lsn', '$budget_lsn')")
      echo "  database: $(per_order $((xacts - budget_xacts)) "$orders") transactions, $(per_order $((rows - budget_rows)) "$orders") rows written, $(per_order "${wal%.*}" "$orders") WAL bytes per order"
    fi
  fi
  # A failed attempt is handled again by its route's retry (a lost race, mostly: a message that overtook the one its
  # stream waited for), so it is work the order paid for twice.
  if [ "$have_phase" = 1 ] && [[ "${start[n + 6]:-}" =~ ^[0-9]+$ && "${finish[n + 6]:-}" =~ ^[0-9]+$ ]]; then
    echo "  retries:  $(per_order $((finish[n + 6] - start[n + 6])) "$measured") failed delivery attempts per order, each handled again (measured phase)"
  fi
  # The broker's totals are sampled every few seconds, too coarse for the phase's ends: over the whole run.
  echo "  broker:   $(per_order $((published - budget_published)) "$orders") messages published, $(per_order $((delivered - budget_delivered)) "$orders") delivered per order (whole run)"
}

# How far one service's resident memory (column N of memory.tsv) moved over the second half of the samples: its
# highest there above its lowest there, in percent. A service whose memory is bounded stays within a few percent.
budget_memory_range() {
  [ -s "$work/memory.tsv" ] || { echo "-"; return; }
  awk -v c="$1" '{v[NR] = $c} END {
    lo = ""; hi = 0
    for (i = int((NR + 1) / 2); i <= NR; i++) { if (lo == "" || v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i] }
    printf "%.1f%%", (lo > 0 ? (hi - lo) * 100 / lo : 0) }' "$work/memory.tsv"
}

# One service's resident memory (column N of memory.tsv) at the first, middle and last sample.
budget_memory_column() {
  [ -s "$work/memory.tsv" ] || { echo "-"; return; }
  awk -v c="$1" '{v[NR] = $c} END {printf "%d/%d/%d", v[1], v[int((NR + 1) / 2)], v[NR]}' "$work/memory.tsv"
}
