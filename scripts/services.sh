#!/usr/bin/env bash
# Installs (from Debian's packages, when missing) and starts what the tests and the distributed
# system need: PostgreSQL 15 and RabbitMQ (and chromium for the console's browser tests). Sourced by scripts/test.sh and scripts/bench.sh; it
# exports POSTGRES_CONNECTION and RABBITMQ_URL unless they are already set (an explicit setting wins).
# Runs as root on Debian 12 (apt, runuser); never touches a service it finds running.

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    echo "[services] apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  echo "[services] apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  if [ -n "${POSTGRES_CONNECTION:-}" ]; then
    echo "[services] PostgreSQL: using POSTGRES_CONNECTION"
    return 0
  fi
  # Checking first matters: installing over an installed server would upgrade it.
  if ! dpkg -s postgresql >/dev/null 2>&1; then
    apt_install postgresql
  fi
  local version
  version=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1}')
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    echo "[services] starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  for _ in $(seq 1 60); do
    runuser -u postgres -- pg_isready -q -h 127.0.0.1 && break
    sleep 0.5
  done
  runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -d postgres -c \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'weeevents') THEN
       CREATE ROLE weeevents LOGIN SUPERUSER PASSWORD 'weeevents'; END IF; END \$\$;" >/dev/null 2>&1 \
  || runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -d postgres -c \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'weeevents') THEN
       CREATE ROLE weeevents LOGIN SUPERUSER PASSWORD 'weeevents'; END IF; END \$\$;" >/dev/null
  export POSTGRES_CONNECTION="Host=127.0.0.1;Port=5432;Username=weeevents;Password=weeevents;Database=postgres"
  echo "[services] PostgreSQL $version ready"
}

ensure_rabbitmq() {
  # scripts/rabbitmq-users.sh (which the end-to-end tests and bench.sh run to give each service its own broker user)
  # talks to the management API with curl.
  if ! command -v curl >/dev/null 2>&1; then
    apt_install curl
  fi
  if [ -n "${RABBITMQ_URL:-}" ]; then
    echo "[services] RabbitMQ: using RABBITMQ_URL"
    return 0
  fi
  if ! dpkg -s rabbitmq-server >/dev/null 2>&1; then
    apt_install rabbitmq-server
  fi
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    echo "[services] starting RabbitMQ"
    # The broker shares the machine with the four services and PostgreSQL, so it gets Erlang schedulers for half
    # the cores (at least one) rather than one per core: on two cores, two schedulers spent a third more CPU on the
    # same messages (scripts/bench.sh: RabbitMQ 0.36-0.37 cores against 0.26-0.27 with one; 157, 173 and 167
    # orders/s against 189, 196 and 195). RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS, when set, is used as it is.
    local schedulers=$(( $(nproc) / 2 ))
    [ "$schedulers" -ge 1 ] || schedulers=1
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="${RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS:-+S $schedulers:$schedulers}" \
      rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  # await_startup fails until the node has registered with epmd: retry it.
  local ok=""
  for _ in $(seq 1 60); do
    if rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; then ok=1; break; fi
    sleep 1
  done
  if [ -z "$ok" ]; then
    echo "[services] RabbitMQ did not start" >&2
    return 1
  fi
  # The management API lets tests create and delete their own virtual hosts.
  if ! rabbitmq-plugins -q list -e 2>/dev/null | grep -q rabbitmq_management; then
    rabbitmq-plugins -q enable rabbitmq_management >/dev/null
  fi
  export RABBITMQ_URL="amqp://guest:guest@127.0.0.1:5672/"
  export RABBITMQ_MANAGEMENT_URL="http://guest:guest@127.0.0.1:15672/"
  echo "[services] RabbitMQ ready"
}

ensure_docker_compose() {
  # Only the compose file's check needs it (`docker-compose config`); no engine runs here.
  if ! command -v docker-compose >/dev/null 2>&1; then
    apt_install docker-compose
  fi
}

ensure_chromium() {
  # The operations console's browser tests drive Debian's chromium through Playwright (whose own browser download is
  # not reachable here); they find it at /usr/bin/chromium or CHROMIUM_PATH.
  if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then
    echo "[services] chromium ready"
    return 0
  fi
  apt_install chromium
}
