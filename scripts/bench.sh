#!/usr/bin/env bash
# The benchmark: the four services as four processes on fresh databases and a fresh RabbitMQ virtual host,
# driven by tools/WeeEvents.LoadTest. Prints as its last line the driver's result:
#   orders=N seconds=S orders_per_sec=X p50_ms=A p99_ms=B completed=C read_lag_ms=L history=H
# and exits non-zero when an order did not complete or the books do not balance.
#
#   scripts/bench.sh [--orders N] [--concurrency C] [--provider postgres|sqlite] [--history H] [--pages] [--console-open]
#
# --history H first gives each of the bench's 100 SKUs H events of past (a year of orders, written into Inventory's
# fresh database by the load driver's seed-history, through the framework's own append path, with the snapshots a
# running service would have left and Inventory's read model caught up), then measures as without it.
# --history 10000 is a million events.
#
# --pages then starts the operations console on those services (port base + 5) and times every page's GET through it
# (the load driver's page-times: median, p95 and slowest of 20 after 2 untimed, against 300 ms), failing the run when a
# page is over or its services did not answer. With --orders 100000 that is the console's 100,000-order benchmark.
#
# --console-open starts the console before the load and keeps its services page open through it (the load driver's
# watch-page reads the page every 5 s, as its live refresh does in a browser): what an operator watching the shop costs
# the shop. The console and the watcher are not counted in the budget's table.
#
# Environment: BENCH_PORT_BASE (default 5200: services on 5201..5204), BENCH_ARTIFACTS (build output,
# default artifacts/bench), BENCH_KEEP=1 keeps the databases, virtual host and service logs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

orders=2000
# The budget's CPU is over the measured orders alone (the driver marks that phase) and, beside it, over the driver's
# whole run with these warm-up orders, when the JIT and first connections are paid.
warmup=200
concurrency=32
provider=postgres
history=0
pages=0
console_open=0
usage="usage: scripts/bench.sh [--orders N] [--concurrency C] [--provider postgres|sqlite] [--history H] [--pages] [--console-open]"
while [ $# -gt 0 ]; do
  case "$1" in
    --orders) orders="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --provider) provider="$2"; shift 2 ;;
    --history) history="$2"; shift 2 ;;
    --pages) pages=1; shift ;;
    --console-open) console_open=1; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
case "$provider" in postgres|sqlite) ;; *) echo "[bench] --provider must be postgres or sqlite" >&2; exit 2 ;; esac
case "$history" in ''|*[!0-9]*) echo "[bench] --history must be a whole number of events per SKU" >&2; exit 2 ;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=scripts/services.sh
. scripts/services.sh
ensure_rabbitmq
[ "$provider" = postgres ] && ensure_postgres

services=(order inventory payment shipping)
declare -A project=([order]=Order [inventory]=Inventory [payment]=Payment [shipping]=Shipping)
declare -A dll=([order]=WeeEvents.Services.Order [inventory]=WeeEvents.Services.Inventory [payment]=WeeEvents.Services.Payment [shipping]=WeeEvents.Services.Shipping)
port_base=${BENCH_PORT_BASE:-5200}
declare -A port=([order]=$((port_base + 1)) [inventory]=$((port_base + 2)) [payment]=$((port_base + 3)) [shipping]=$((port_base + 4)))
art=${BENCH_ARTIFACTS:-$root/artifacts/bench}
run="bench$$"
work=$(mktemp -d "/tmp/weeevents-$run.XXXX")
vhost="weeevents-$run"
pids=()

# What this script started, and only that, goes away on exit.
cleanup() {
  local status=$?
  [ -n "${budget_sampler:-}" ] && kill "$budget_sampler" 2>/dev/null || true
  [ -n "${budget_phase_watcher:-}" ] && kill "$budget_phase_watcher" 2>/dev/null || true
  [ -n "${watcher:-}" ] && kill "$watcher" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -z "${BENCH_KEEP:-}" ]; then
    rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
    for s in "${services[@]}"; do rabbitmqctl -q delete_user "$vhost-$s" >/dev/null 2>&1 || true; done
    if [ "$provider" = postgres ]; then
      for s in "${services[@]}"; do pg_sql "DROP DATABASE IF EXISTS ${run}_$s WITH (FORCE)" >/dev/null 2>&1 || true; done
    fi
    rm -rf "$work"
  else
    echo "[bench] kept: vhost $vhost, databases ${run}_*, logs in $work" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# POSTGRES_CONNECTION is in Npgsql's key=value form; psql wants its parts.
pg_part() { tr ';' '\n' <<<"$POSTGRES_CONNECTION" | awk -F= -v k="$1" 'tolower($1)==tolower(k) {print $2}'; }
pg_psql() { # psql on the server's postgres database, with the given options
  local port; port=$(pg_part Port)
  PGPASSWORD=$(pg_part Password) psql -h "$(pg_part Host)" -p "${port:-5432}" -U "$(pg_part Username)" -d postgres "$@"
}
pg_sql() { pg_psql -q -v ON_ERROR_STOP=1 -c "$1"; }
connection_for() { # the Events connection string of one service
  if [ "$provider" = postgres ]; then
    # A pool per service well under the server's max_connections (100 by default) for four services; no TLS on
    # the loopback (Debian's server offers it, and Npgsql takes it by default: CPU on both ends for nothing).
    sed -E 's/(^|;)[Dd]atabase=[^;]*//' <<<"$POSTGRES_CONNECTION" | sed -E "s/;?\$/;Database=${run}_$1;Maximum Pool Size=16;SSL Mode=Disable/"
  else
    echo "Data Source=$work/$1.db"
  fi
}

echo "[bench] fresh virtual host $vhost"
rabbitmqctl -q add_vhost "$vhost" >/dev/null
rabbitmqctl -q set_permissions -p "$vhost" guest ".*" ".*" ".*" >/dev/null
# Each service connects as its own user, with only the permissions the deployment gives it (as docker-compose.yml does).
declare -A rabbit_url
for s in "${services[@]}"; do
  password=$(head -c 18 /dev/urandom | base64 -w0 | tr '+/' '-_')
  export "WEEEVENTS_RABBITMQ_${s^^}_PASSWORD=$password"
  rabbit_url[$s]="amqp://$vhost-$s:$password@127.0.0.1:5672/$vhost"
done
management_url="${RABBITMQ_MANAGEMENT_URL:-http://guest:guest@127.0.0.1:15672/}"
WEEEVENTS_RABBITMQ_MANAGEMENT_URL="${management_url%/}" WEEEVENTS_RABBITMQ_VHOST="$vhost" WEEEVENTS_RABBITMQ_USER_PREFIX="$vhost-" \
  sh "$root/scripts/rabbitmq-users.sh" >/dev/null
# The load driver only watches orders end (OrderCompleted, OrderRejected): a local tool, it reads as the broker's guest.
driver_url="amqp://guest:guest@127.0.0.1:5672/$vhost"

if [ "$provider" = postgres ]; then
  echo "[bench] fresh databases ${run}_{order,inventory,payment,shipping}"
  for s in "${services[@]}"; do pg_sql "CREATE DATABASE ${run}_$s" >/dev/null; done
fi

echo "[bench] building (Release) into $art"
filter="$work/bench.slnf"
cat >"$filter" <<EOF
{ "solution": { "path": "$root/WeeEvents.sln", "projects": [
  "services/Order/Order.csproj", "services/Inventory/Inventory.csproj", "services/Payment/Payment.csproj",
  "services/Shipping/Shipping.csproj", "tools/WeeEvents.LoadTest/WeeEvents.LoadTest.csproj",
  "tools/WeeEvents.Admin/WeeEvents.Admin.csproj"$([ "$pages$console_open" != 00 ] && echo ', "tools/WeeEvents.OperationsConsole/WeeEvents.OperationsConsole.csproj"') ] } }
EOF
dotnet build "$filter" -c Release --artifacts-path "$art" -nologo -v quiet -clp:ErrorsOnly >&2
# The services and the driver share this machine's cores with the database and the broker: the runtime settings
# measured for that, for every process started from here on (not the build above: the compiler wants quick JIT).
set -a
# shellcheck source=scripts/shared-cores.env
. scripts/shared-cores.env
set +a

# As compose does: the topology (the contract exchanges each service consumes, bound to its queues) is deployed by the
# operator's tool as the broker's administrator; the services' own users may not declare those exchanges.
echo "[bench] deploying the topology"
dotnet "$art/bin/WeeEvents.Admin/release/WeeEvents.Admin.dll" topology deploy --rabbitmq "$driver_url" >&2

for s in "${services[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/${port[$s]}") 2>/dev/null; then
    echo "[bench] port ${port[$s]} is taken; set BENCH_PORT_BASE" >&2
    exit 1
  fi
done

if [ "$history" -gt 0 ]; then
  # Before the services start: they find a shop with a past, as after a restart, not one being written under them.
  echo "[bench] seeding $history events of history on each of 100 SKUs"
  dotnet "$art/bin/WeeEvents.LoadTest/release/WeeEvents.LoadTest.dll" seed-history \
    --provider "$provider" --connection "$(connection_for inventory)" --events "$history" --skus 100 >&2
fi

# One signing key per run: the services accept the bearer tokens the driver mints with it.
WEEEVENTS_AUTH_SIGNING_KEY=$(head -c 32 /dev/urandom | base64 -w0)
export WEEEVENTS_AUTH_SIGNING_KEY
# One key-encryption key per run for the customers' personal data (protection is on, as in production; the
# environment's WeeEvents__Protection__Enabled=false measures it off).
WEEEVENTS_PROTECTION_KEK=$(head -c 32 /dev/urandom | base64 -w0)
export WEEEVENTS_PROTECTION_KEK

echo "[bench] starting the four services ($provider)"
for s in "${services[@]}"; do
  out="$art/bin/${project[$s]}/release"
  # Run from the output folder so appsettings.json is found; the environment overrides every key that matters.
  (
    cd "$out"
    export ASPNETCORE_ENVIRONMENT=Production
    export WeeEvents__Database__Provider=$([ "$provider" = postgres ] && echo Postgres || echo Sqlite)
    export ConnectionStrings__Events
    ConnectionStrings__Events=$(connection_for "$s")
    export WeeEvents__Transport=RabbitMq
    export ConnectionStrings__RabbitMq="${rabbit_url[$s]}"
    export WeeEvents__Messaging__ConsumeTopology=Deployed
    export WeeEvents__Auth__SigningKeys__0="$WEEEVENTS_AUTH_SIGNING_KEY" WeeEvents__Auth__Issuer=dotnet-user-jwts WeeEvents__Auth__Audience=weeevents
    # The load driver is one caller sending ~150 orders/s with 32 in flight plus reads: far past the default limit for
    # one ordinary client. The limiter stays in the measured path, sized for the driver.
    export WeeEvents__Http__RateLimit__PermitLimit=100000 WeeEvents__Http__RateLimit__PermitsPerSecond=100000
    export WeeEvents__Protection__KeyEncryptionKeyId=bench WeeEvents__Protection__KeyEncryptionKey="$WEEEVENTS_PROTECTION_KEK"
    # --urls: the command line beats the Urls of appsettings.json.
    exec dotnet "${dll[$s]}.dll" --urls "http://127.0.0.1:${port[$s]}"
  ) >"$work/$s.log" 2>&1 &
  pids+=($!)
done

await_ready() { # NAME URL LOG SECONDS: waits for URL to answer, or shows LOG and fails
  local deadline=$((SECONDS + $4))
  until curl -fs -o /dev/null "$2"; do
    if [ $SECONDS -ge $deadline ]; then
      echo "[bench] $1 is not ready; its log:" >&2
      tail -n 40 "$3" >&2
      exit 1
    fi
    sleep 0.5
  done
}
for s in "${services[@]}"; do await_ready "$s" "http://127.0.0.1:${port[$s]}/health/ready" "$work/$s.log" 90; done
echo "[bench] services ready"

# The operations console on the bench's services (port base + 5), signed in to by token links.
start_console() {
  console_port=$((port_base + 5))
  echo "[bench] starting the operations console on $console_port"
  (
    cd "$art/bin/WeeEvents.OperationsConsole/release"
    export ASPNETCORE_ENVIRONMENT=Production
    export WeeEvents__Auth__SigningKeys__0="$WEEEVENTS_AUTH_SIGNING_KEY" WeeEvents__Auth__Issuer=dotnet-user-jwts WeeEvents__Auth__Audience=weeevents
    export OperationsConsole__TokenLinks=true OperationsConsole__RabbitMqManagement="$management_url" ConnectionStrings__RabbitMq="$driver_url"
    for s in "${services[@]}"; do export "OperationsConsole__Services__$s=http://127.0.0.1:${port[$s]}/"; done
    exec dotnet WeeEvents.OperationsConsole.dll --urls "http://127.0.0.1:$console_port"
  ) >"$work/console.log" 2>&1 &
  pids+=($!)
  await_ready "the console" "http://127.0.0.1:$console_port/signin" "$work/console.log" 60
}

watcher=""
if [ "$console_open" = 1 ]; then
  start_console
  dotnet "$art/bin/WeeEvents.LoadTest/release/WeeEvents.LoadTest.dll" watch-page \
    --console "http://127.0.0.1:$console_port/" --page services >"$work/watch.log" 2>&1 &
  watcher=$!
  # Measured with the page open, as an operator has it, not while it first loads.
  until grep -q "open$" "$work/watch.log" 2>/dev/null; do
    kill -0 "$watcher" 2>/dev/null || { echo "[bench] the console's services page did not open:" >&2; cat "$work/watch.log" >&2; exit 1; }
    sleep 0.5
  done
fi

# shellcheck source=scripts/bench-budget.sh
. scripts/bench-budget.sh
budget_begin

status=0
driver_log="$work/driver.log"
dotnet "$art/bin/WeeEvents.LoadTest/release/WeeEvents.LoadTest.dll" \
  --orders "$orders" --warmup "$warmup" --concurrency "$concurrency" --phase-file "$budget_phase_file" \
  --order-url "http://127.0.0.1:${port[order]}/" --inventory-url "http://127.0.0.1:${port[inventory]}/" \
  $(for s in "${services[@]}"; do printf -- '--metrics-url http://127.0.0.1:%s/ ' "${port[$s]}"; done) \
  --rabbitmq "$driver_url" | tee "$driver_log" || status=$?

budget_end $((orders + warmup)) "$orders"
if [ -n "$watcher" ]; then
  kill -TERM "$watcher" 2>/dev/null || true
  wait "$watcher" || status=1
  echo "[bench] $(tail -n 1 "$work/watch.log")"
fi

if [ "$pages" = 1 ]; then
  [ -n "${console_port:-}" ] || start_console
  echo "[bench] timing the operations console's pages"
  dotnet "$art/bin/WeeEvents.LoadTest/release/WeeEvents.LoadTest.dll" page-times \
    --console "http://127.0.0.1:$console_port/" --order-url "http://127.0.0.1:${port[order]}/" || status=$?
fi

for i in "${!services[@]}"; do
  if ! kill -0 "${pids[$i]}" 2>/dev/null; then
    echo "[bench] ${services[$i]} exited during the run; its log:" >&2
    tail -n 40 "$work/${services[$i]}.log" >&2
    status=1
  fi
done
# grep exits 1 when no log has such a line: a clean run, not a failure.
warnings=$({ grep -c -E "^(warn|fail|crit)" "$work"/*.log 2>/dev/null || true; } | awk -F: '{s += $2} END {print s + 0}')
echo "[bench] service log lines at warning or above: $warnings"

result=$(grep -E '^orders=[0-9]+ ' "$driver_log" | tail -n 1 || true)
if [ -z "$result" ]; then
  echo "[bench] the driver printed no result line" >&2
  exit 1
fi
echo "$result history=$history"
exit "$status"
