#!/usr/bin/env bash
# Runs every test of the solution against a real RabbitMQ and Redis: starts them (installing them from Debian
# packages when missing) unless RABBITMQ_HOST and REDIS_CONFIGURATION already name running ones, then prints one
# closing line "N passed, N failed, N skipped" counted from the TRX results. Exit status: 0 only if all passed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${RABBITMQ_HOST:-}" ] || [ -z "${REDIS_CONFIGURATION:-}" ]; then
  bash infra/deps.sh start
  export RABBITMQ_HOST=127.0.0.1 RABBITMQ_PORT=${RABBITMQ_PORT:-5672} REDIS_CONFIGURATION=127.0.0.1:${REDIS_PORT:-6379}
fi

# The compose file is validated without an engine by Debian's docker-compose (see tests/Integration.Tests).
if ! command -v docker-compose >/dev/null && ! docker compose version >/dev/null 2>&1; then
  echo "[test] installing docker-compose (Debian package) to validate docker-compose.yml" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi

# promtool (Debian package prometheus) checks the Prometheus configurations under infra/prometheus.
if ! command -v promtool >/dev/null; then
  echo "[test] installing prometheus (Debian package) for promtool" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

# haproxy (Debian package) checks the load balancer's configuration, infra/haproxy/haproxy.cfg.
if ! command -v haproxy >/dev/null; then
  echo "[test] installing haproxy (Debian package) to check infra/haproxy/haproxy.cfg" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends haproxy >/dev/null
fi

# Chromium and Playwright for the browser tests, when a test project asks for them.
if [ -f infra/browser.sh ]; then bash infra/browser.sh; fi

results=.artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
status=0
dotnet test Microservices.sln --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true "$@" || status=$?

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
