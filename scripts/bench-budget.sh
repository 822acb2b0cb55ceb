# The bench's cost budget, sourced by scripts/bench.sh: what one order costs each process and each shared resource
# over the measured phase (the load driver's run), read from the operating system, PostgreSQL's statistics and
# RabbitMQ's management API, and printed as a table before the result line.
#
#   budget_begin        before the driver starts (services, database and broker running); starts sampling memory
#   budget_end ORDERS   after the driver ended (ORDERS: every order it placed, warm-up included): stops sampling and prints the table
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

budget_begin() {
  declare -gA budget_before
  local i
  for i in "${!services[@]}"; do budget_before[${services[$i]}]=$(budget_ticks "${pids[$i]}"); done
  budget_before[postgres]=$(budget_postgres_ticks)
  budget_rabbit_pid=$(pgrep -f beam.smp | head -1 || true)
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
  local orders=$1 i s elapsed
  elapsed=$(echo "$(date +%s.%N) - $budget_started" | bc -l)
  budget_count_children # before anything else ends: the driver's pipeline is all that ran since budget_begin
  kill "$budget_sampler" 2>/dev/null || true
  wait "$budget_sampler" 2>/dev/null || true
  # The management API's totals are sampled every few seconds: wait for the last of the run to be counted.
  sleep 6
  local xacts rows lsn published delivered
  read -r xacts rows lsn <<<"$(budget_database)"
  read -r published delivered <<<"$(budget_broker)"
  per_order() { echo "scale=2; $1 / $orders" | bc -l | sed 's/^\./0./'; }
  ms_per_order() { echo "scale=2; ($2 - $1) * 1000 / $hz / $orders" | bc -l | sed 's/^\./0./'; }

  echo "[bench] cost per order over the driver's run ($orders orders, its warm-up included, ${elapsed%.*} s):"
  printf '  %-10s %14s %28s %14s\n' process "cpu ms/order" "resident MB first/mid/last" "2nd half range"
  local total=0 cost
  for i in "${!services[@]}"; do
    s=${services[$i]}
    cost=$(ms_per_order "${budget_before[$s]}" "$(budget_ticks "${pids[$i]}")")
    total=$(echo "$total + $cost" | bc -l)
    printf '  %-10s %14s %28s %14s\n' "$s" "$cost" "$(budget_memory_column $((i + 2)))" "$(budget_memory_range $((i + 2)))"
  done
  cost=$(ms_per_order "${budget_before[postgres]}" "$(budget_postgres_ticks)"); total=$(echo "$total + $cost" | bc -l)
  printf '  %-10s %14s\n' postgres "$cost"
  cost=$(ms_per_order "${budget_before[rabbitmq]}" "$([ -n "$budget_rabbit_pid" ] && budget_ticks "$budget_rabbit_pid" || echo 0)"); total=$(echo "$total + $cost" | bc -l)
  printf '  %-10s %14s\n' rabbitmq "$cost"
  cost=$(ms_per_order "${budget_before[driver]}" "$budget_children"); total=$(echo "$total + $cost" | bc -l)
  printf '  %-10s %14s\n' driver "$cost"
  printf '  %-10s %14s\n' total "$total"
  if [ "$provider" = postgres ]; then
    local wal
    wal=$(pg_sql_value "SELECT pg_wal_lsn_diff('$lsn', '$budget_lsn')")
    echo "  database: $(per_order $((xacts - budget_xacts))) transactions, $(per_order $((rows - budget_rows))) rows written, $(per_order "${wal%.*}") WAL bytes per order"
  fi
  echo "  broker:   $(per_order $((published - budget_published))) messages published, $(per_order $((delivered - budget_delivered))) delivered per order"
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
