#!/usr/bin/env bash
# The test command: starts what the tests need (installing it from Debian's packages when missing),
# builds in Release, runs every test project of WeeEvents.sln, and prints as its last line
#   N passed, N failed, N skipped
# summed over all projects. Exits non-zero when anything failed or when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The tests run the services as processes beside their database and broker on this machine's cores.
set -a
# shellcheck source=scripts/shared-cores.env
. scripts/shared-cores.env
set +a

# shellcheck source=scripts/services.sh
. scripts/services.sh
if [ "$(id -u)" = "0" ]; then
  ensure_postgres
  ensure_rabbitmq
  ensure_docker_compose
  ensure_chromium
else
  echo "[test] not root: using POSTGRES_CONNECTION / RABBITMQ_URL as set; tests that need them fail naming the variable"
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "[test] building (Release)"
dotnet build WeeEvents.sln -c Release -nologo -v quiet -clp:ErrorsOnly

echo "[test] running tests"
status=0
# One test project at a time (-m:1): the end-to-end, messaging, storage and demo suites each start services
# against the same PostgreSQL (100 connections by default) and RabbitMQ; side by side on two cores they would
# contend for connections and CPU rather than test anything.
dotnet test WeeEvents.sln -c Release --no-build -nologo -m:1 \
  --logger "trx;LogFilePrefix=tests" --logger "console;verbosity=minimal" \
  --results-directory "$results" || status=$?

# Count every project's results from its TRX file: dotnet test's own summary is per project, and its
# counters leave out skipped tests.
outcomes() { # count the test results of every TRX file with one of the given outcomes
  find "$results" -name "*.trx" -exec cat {} + 2>/dev/null | grep -o '<UnitTestResult [^>]*' | grep -cE " outcome=\"($1)\"" || true
}
passed=$(outcomes 'Passed')
failed=$(outcomes 'Failed|Error|Timeout|Aborted')
skipped=$(outcomes 'NotExecuted|Inconclusive')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run failed outside any test (a crashed test host, for example): count it.
  failed=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
