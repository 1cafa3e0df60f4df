#!/usr/bin/env bash
# Brings the whole system up on this machine: RabbitMQ and Redis (installed from Debian packages when missing), the
# services built in Release, Prometheus scraping them (Debian's package, installed when missing), and a player
# simulator streaming a few hundred viewers. Ctrl+C stops what it started.
#   bash infra/run-all.sh            # everything, in the foreground
#   VIEWERS=500 bash infra/run-all.sh
#   PROMETHEUS=0 bash infra/run-all.sh   # without Prometheus (every service still answers /metrics on its management port)
#   bash infra/run-all.sh stop       # stop services started by an earlier run (and the broker and Redis)
#   Auth__OperatorKey=... bash infra/run-all.sh   # this operator key instead of a new random one
set -euo pipefail
cd "$(dirname "$0")/.."

INGEST_PORT=${INGEST_PORT:-5101}
GATEWAY_PORT=${GATEWAY_PORT:-5102}
SESSIONIZATION_PORT=${SESSIONIZATION_PORT:-5103}
SUBSCRIPTIONS_PORT=${SUBSCRIPTIONS_PORT:-5104}
ENGAGEMENTRANKING_PORT=${ENGAGEMENTRANKING_PORT:-5105}
# Each service's management port (Management__Port, docs/operations.md "Monitoring"): /metrics, the OpenAPI documents
# and the API reference page without a key, on loopback like the service. Prometheus scrapes these.
INGEST_MANAGEMENT_PORT=${INGEST_MANAGEMENT_PORT:-6101}
GATEWAY_MANAGEMENT_PORT=${GATEWAY_MANAGEMENT_PORT:-6102}
SESSIONIZATION_MANAGEMENT_PORT=${SESSIONIZATION_MANAGEMENT_PORT:-6103}
SUBSCRIPTIONS_MANAGEMENT_PORT=${SUBSCRIPTIONS_MANAGEMENT_PORT:-6104}
ENGAGEMENTRANKING_MANAGEMENT_PORT=${ENGAGEMENTRANKING_MANAGEMENT_PORT:-6105}
VIEWERS=${VIEWERS:-300}
PROMETHEUS=${PROMETHEUS:-1}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
run=var/run
mkdir -p "$run"

stop_started() {
  # The simulator first, while ingest still takes the stop events it sends for its open streams.
  if [ -e "$run/simulator.pid" ]; then
    local sim; sim=$(cat "$run/simulator.pid")
    kill "$sim" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$sim" 2>/dev/null || break; sleep 0.2; done
    rm -f "$run/simulator.pid"
  fi
  for pidfile in "$run"/*.pid; do
    [ -e "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

if [ "${1:-}" = "stop" ]; then
  stop_started
  bash infra/deps.sh stop
  exit 0
fi

# The operator key: the one given, else a new random one (printed below). Ingest and the gateway refuse to start
# without one, and there is no default.
if [ -z "${Auth__OperatorKey:-}" ]; then
  Auth__OperatorKey=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
fi
export Auth__OperatorKey

bash infra/deps.sh start
echo "[run] building (Release)"
dotnet build Microservices.sln -c Release -v quiet -nologo | grep -E "error|Warn|Elapsed" || true

# A 64 MB young generation per GC heap: batches allocate fast and briefly, and the default budget collected so often
# that it cost ~10 % of sessionization's CPU (docs/benchmarks.md). The runtime takes this only from the environment.
export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x4000000}

start() { # name port management-port
  local name=$1 port=$2 management=$3
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" Management__Port="$management" \
    dotnet "services/$name/bin/Release/net10.0/$name.dll" >"$run/$name.log" 2>&1 &
  echo $! >"$run/$name.pid"
}

wait_ready() { # name port
  local deadline=$((SECONDS + 60))
  until curl -fs "http://127.0.0.1:$2/health/ready" >/dev/null; do
    if ((SECONDS >= deadline)); then echo "[run] $1 is not ready after 60 s; see $run/$1.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "[run] $1 ready on http://127.0.0.1:$2"
}

# Prometheus on loopback with the compose stack's jobs (infra/prometheus/prometheus-local.yml, the services'
# management ports as run here), so the queries of infra/grafana/dashboards work in its own UI. Optional: a failure
# here stops nothing else.
start_prometheus() {
  [ "$PROMETHEUS" = "1" ] || return 0
  if ! command -v prometheus >/dev/null; then
    echo "[run] installing prometheus (Debian package)"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }; then
      echo "[run] could not install prometheus; the services' /metrics still answer" >&2
      return 0
    fi
  fi
  if curl -fs "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" >/dev/null; then
    echo "[run] something already answers on $PROMETHEUS_PORT; not starting Prometheus" >&2
    return 0
  fi
  sed -e "s/127.0.0.1:6101/127.0.0.1:$INGEST_MANAGEMENT_PORT/" -e "s/127.0.0.1:6102/127.0.0.1:$GATEWAY_MANAGEMENT_PORT/" \
      -e "s/127.0.0.1:6103/127.0.0.1:$SESSIONIZATION_MANAGEMENT_PORT/" -e "s/127.0.0.1:6104/127.0.0.1:$SUBSCRIPTIONS_MANAGEMENT_PORT/" \
      -e "s/127.0.0.1:6105/127.0.0.1:$ENGAGEMENTRANKING_MANAGEMENT_PORT/" infra/prometheus/prometheus-local.yml >"$run/prometheus.yml"
  prometheus --config.file="$run/prometheus.yml" --storage.tsdb.path="$run/prometheus-data" \
    --storage.tsdb.retention.time=1d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$run/prometheus.log" 2>&1 &
  echo $! >"$run/prometheus.pid"
  local deadline=$((SECONDS + 20))
  until curl -fs "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" >/dev/null; do
    if ((SECONDS >= deadline)); then echo "[run] Prometheus is not ready after 20 s; see $run/prometheus.log" >&2; return 0; fi
    sleep 0.5
  done
  echo "[run] Prometheus ready on http://127.0.0.1:$PROMETHEUS_PORT"
}

trap 'echo; echo "[run] stopping"; stop_started' EXIT INT TERM
start Sessionization "$SESSIONIZATION_PORT" "$SESSIONIZATION_MANAGEMENT_PORT"
start Subscriptions "$SUBSCRIPTIONS_PORT" "$SUBSCRIPTIONS_MANAGEMENT_PORT"
start EngagementRanking "$ENGAGEMENTRANKING_PORT" "$ENGAGEMENTRANKING_MANAGEMENT_PORT"
start Ingest "$INGEST_PORT" "$INGEST_MANAGEMENT_PORT"
start Gateway "$GATEWAY_PORT" "$GATEWAY_MANAGEMENT_PORT"
wait_ready Sessionization "$SESSIONIZATION_PORT"
wait_ready Subscriptions "$SUBSCRIPTIONS_PORT"
wait_ready EngagementRanking "$ENGAGEMENTRANKING_PORT"
wait_ready Ingest "$INGEST_PORT"
wait_ready Gateway "$GATEWAY_PORT"
start_prometheus

# The simulator's titles and channels into the catalog under two demo distributors, its ingest keys and an access
# key per distributor (LoadGen demo-setup, through the admin API); kept readable by this user only.
(umask 077; dotnet bench/LoadGen/bin/Release/net10.0/LoadGen.dll demo-setup --gateway "http://127.0.0.1:$GATEWAY_PORT" >"$run/demo-keys.env")
set -a; . "$run/demo-keys.env"; set +a
sleep 2.5 # ingest sees the new titles and keys within its one-second refresh

cat <<TXT

The system is up. Dashboard: http://127.0.0.1:$GATEWAY_PORT/
Keys (shown once; also in $run/demo-keys.env):
  operator key:                        $Auth__OperatorKey
  demo-north (Northern Lights Pictures): $DEMO_NORTH_ACCESS_KEY
  demo-south (Southern Cross Films):     $DEMO_SOUTH_ACCESS_KEY
Every request carries one: curl -H "Authorization: Bearer <key>" ...  Try:
  K="Authorization: Bearer $DEMO_NORTH_ACCESS_KEY"
  curl -H "\$K" 'http://127.0.0.1:$GATEWAY_PORT/v1/metrics/performance?granularity=hour&from=$(date -u +%F)&to=$(date -u +%F)'
  curl -H "\$K" 'http://127.0.0.1:$GATEWAY_PORT/v1/metrics/performance?groupBy=offer&granularity=total'
  curl -H "\$K"  http://127.0.0.1:$GATEWAY_PORT/v1/titles
  curl -H "\$K" 'http://127.0.0.1:$GATEWAY_PORT/v1/metrics/engagement?month=$(date -u +%Y-%m)&territory=US'
  curl -H "\$K" 'http://127.0.0.1:$GATEWAY_PORT/v1/reports/earnings?month=$(date -u +%Y-%m)'
  curl -H "\$K"  http://127.0.0.1:$GATEWAY_PORT/v1/metrics/channels
  Admin (operator key): curl -H "Authorization: Bearer $Auth__OperatorKey" http://127.0.0.1:$GATEWAY_PORT/v1/admin/titles
  API reference (management ports, no key): http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/scalar/  and  http://127.0.0.1:$INGEST_MANAGEMENT_PORT/scalar/
              (documents: /openapi/v1.json there; on $GATEWAY_PORT and $INGEST_PORT with the operator key, or signed in as the operator)
  Metrics:    http://127.0.0.1:{$INGEST_MANAGEMENT_PORT,$GATEWAY_MANAGEMENT_PORT,$SESSIONIZATION_MANAGEMENT_PORT,$SUBSCRIPTIONS_MANAGEMENT_PORT,$ENGAGEMENTRANKING_MANAGEMENT_PORT}/metrics   (Prometheus format; on the services' own ports with the operator key)
  RabbitMQ:   http://127.0.0.1:15672 (guest/guest); queue depth for Prometheus on http://127.0.0.1:15692/metrics/detailed
  Prometheus: http://127.0.0.1:$PROMETHEUS_PORT (unless PROMETHEUS=0), e.g. sum by (queue) (rabbitmq_detailed_queue_messages_ready),
              rate(ingest_events_accepted_total[1m]); the dashboard's queries are in infra/grafana/dashboards/pipeline.json
  Logs:       $run/*.log
Simulating $VIEWERS viewers; Ctrl+C stops everything this script started.

TXT
# In the background with a pid file, so "run-all.sh stop" from another shell stops it too; waiting keeps Ctrl+C here.
dotnet bench/LoadGen/bin/Release/net10.0/LoadGen.dll simulate --ingest "http://127.0.0.1:$INGEST_PORT" --viewers "$VIEWERS" &
echo $! >"$run/simulator.pid"
wait "$(cat "$run/simulator.pid")" || true
