#!/usr/bin/env bash
# Brings the whole system up on this machine: RabbitMQ and Redis (installed from Debian packages when missing), the
# services built in Release, Prometheus scraping them (Debian's package, installed when missing), and a player
# simulator streaming a few hundred viewers. Ctrl+C stops what it started.
#   bash infra/run-all.sh            # everything, in the foreground
#   VIEWERS=500 bash infra/run-all.sh
#   PROMETHEUS=0 bash infra/run-all.sh   # without Prometheus (every service still answers /metrics on its management port)
#   bash infra/run-all.sh stop       # stop services started by an earlier run (and the broker and Redis)
#   bash infra/run-all.sh --cluster  # the local cluster instead: 3 RabbitMQ nodes, Redis Cluster 3+3, 2 replicas of
#                                    # every service, HAProxy in front of ingest and the gateway (docs/scaling.md)
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
HAPROXY_STATS_PORT=${HAPROXY_STATS_PORT:-8404}
run=var/run
mkdir -p "$run"
# Which dependencies the last run started ("single": infra/deps.sh, "cluster": infra/cluster-deps.sh), for "stop".
mode_file=$run/mode

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
    # The cluster's brokers, Redis nodes and epmd: infra/cluster-deps.sh stops those, after the services.
    case "$(basename "$pidfile")" in rabbit*.pid | redis-*.pid | epmd.pid) continue ;; esac
    local pid; pid=$(cat "$pidfile" 2>/dev/null) || continue # stopped meanwhile (by the other "stop" of Ctrl+C and "stop")
    kill "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

cluster=0
case "${1:-}" in
  stop)
    stop_started
    if compgen -G "$run/rabbit*.pid" >/dev/null || compgen -G "$run/redis-*.pid" >/dev/null; then bash infra/cluster-deps.sh stop; fi
    # The single broker and Redis are stopped as before (even when an earlier run found them running and did not
    # start them), unless the last run was a cluster run, which never touches them.
    if [ "$(cat "$mode_file" 2>/dev/null)" != "cluster" ]; then bash infra/deps.sh stop; fi
    rm -f "$mode_file"
    exit 0
    ;;
  --cluster) cluster=1 ;;
  "") ;;
  *) echo "usage: $0 [--cluster | stop]" >&2; exit 2 ;;
esac

# The operator key: the one given, else a new random one (printed below). Ingest and the gateway refuse to start
# without one, and there is no default.
if [ -z "${Auth__OperatorKey:-}" ]; then
  Auth__OperatorKey=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
fi
export Auth__OperatorKey

if [ "$cluster" = 1 ]; then
  echo cluster >"$mode_file"
  bash infra/cluster-deps.sh start
  # The cluster's settings, the same for every replica. RabbitMq__Host/Port name the first node for a build that
  # reads one broker host only; RabbitMq__Hosts lists all three (MassTransit's cluster hosts).
  export RabbitMq__Host=127.0.0.1 RabbitMq__Port=5681 RabbitMq__Hosts=127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683
  export RabbitMq__QuorumQueues=true Pipeline__Partitions=${Pipeline__Partitions:-16}
  export Redis__Configuration=127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003,127.0.0.1:7004,127.0.0.1:7005,127.0.0.1:7006
  export Redis__WaitForReplicas=1
else
  echo single >"$mode_file"
  bash infra/deps.sh start
fi
echo "[run] building (Release)"
dotnet build Microservices.sln -c Release -v quiet -nologo | grep -E "error|Warn|Elapsed" || true

# A 64 MB young generation per GC heap: batches allocate fast and briefly, and the default budget collected so often
# that it cost ~10 % of sessionization's CPU (docs/benchmarks.md). The runtime takes this only from the environment.
export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x4000000}

start() { # name port management-port [replica]: its log and pid file are <name>[-<replica>].log/.pid under var/run
  local name=$1 port=$2 management=$3 file=$1${4:+-$4}
  # The replica's id among the live replicas of its service (sessionization, subscriptions): its pid file's name.
  # Content root: the service's own directory, so it reads its appsettings.json and its configuration watcher does not
  # follow every write under the repository (Redis's append-only file in var/ cost each service ~8 % of its CPU).
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" Management__Port="$management" Pipeline__ReplicaId="$file" \
    ASPNETCORE_CONTENTROOT="$PWD/services/$name/bin/Release/net10.0" \
    dotnet "services/$name/bin/Release/net10.0/$name.dll" >"$run/$file.log" 2>&1 &
  echo $! >"$run/$file.pid"
}

wait_ready() { # name port
  local deadline=$((SECONDS + 90))
  until curl -fs "http://127.0.0.1:$2/health/ready" >/dev/null; do
    if ((SECONDS >= deadline)); then echo "[run] $1 is not ready after 90 s; see $run/$1.log" >&2; exit 1; fi
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
  if [ "$cluster" = 1 ]; then
    cp infra/prometheus/prometheus-cluster.yml "$run/prometheus.yml" # every replica and broker node, at fixed ports
  else
  sed -e "s/127.0.0.1:6101/127.0.0.1:$INGEST_MANAGEMENT_PORT/" -e "s/127.0.0.1:6102/127.0.0.1:$GATEWAY_MANAGEMENT_PORT/" \
      -e "s/127.0.0.1:6103/127.0.0.1:$SESSIONIZATION_MANAGEMENT_PORT/" -e "s/127.0.0.1:6104/127.0.0.1:$SUBSCRIPTIONS_MANAGEMENT_PORT/" \
      -e "s/127.0.0.1:6105/127.0.0.1:$ENGAGEMENTRANKING_MANAGEMENT_PORT/" infra/prometheus/prometheus-local.yml >"$run/prometheus.yml"
  fi
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

# HAProxy (Debian's package, installed when missing) in front of the ingest and gateway replicas, at the ports the
# single services use; infra/haproxy/haproxy.cfg, which the compose cluster mounts too, takes the addresses from here.
start_load_balancer() {
  if ! command -v haproxy >/dev/null; then
    echo "[run] installing haproxy (Debian package)"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends haproxy >/dev/null
  fi
  INGEST_BIND=127.0.0.1:$INGEST_PORT GATEWAY_BIND=127.0.0.1:$GATEWAY_PORT STATS_BIND=127.0.0.1:$HAPROXY_STATS_PORT \
    INGEST_1=127.0.0.1:5111 INGEST_2=127.0.0.1:5112 GATEWAY_1=127.0.0.1:5121 GATEWAY_2=127.0.0.1:5122 \
    haproxy -D -p "$run/haproxy.pid" -f infra/haproxy/haproxy.cfg
  # Ready once HAProxy's own readiness probes have found a gateway replica up.
  wait_ready "HAProxy (gateway)" "$GATEWAY_PORT"
  wait_ready "HAProxy (ingest)" "$INGEST_PORT"
}

# Two replicas of every service: replica n of the i-th service of this list listens on 5100+10i+n and has its
# management port on 6100+10i+n (Ingest-1 5111/6111, Gateway-2 5122/6122, EngagementRanking-1 5151/6151).
CLUSTER_SERVICES=(Ingest Gateway Sessionization Subscriptions EngagementRanking)
start_replicas() {
  local i n
  for i in "${!CLUSTER_SERVICES[@]}"; do
    for n in 1 2; do start "${CLUSTER_SERVICES[$i]}" $((5110 + 10 * i + n)) $((6110 + 10 * i + n)) "$n"; done
  done
  for i in "${!CLUSTER_SERVICES[@]}"; do
    for n in 1 2; do wait_ready "${CLUSTER_SERVICES[$i]}-$n" $((5110 + 10 * i + n)); done
  done
  start_load_balancer
}

trap 'echo; echo "[run] stopping"; stop_started' EXIT INT TERM
if [ "$cluster" = 1 ]; then
  start_replicas
  # For the lines printed below: replica 1 of each service.
  INGEST_MANAGEMENT_PORT=6111 GATEWAY_MANAGEMENT_PORT=6121 SESSIONIZATION_MANAGEMENT_PORT=6131
  SUBSCRIPTIONS_MANAGEMENT_PORT=6141 ENGAGEMENTRANKING_MANAGEMENT_PORT=6151
  RABBITMQ_UI=15681 RABBITMQ_METRICS=15781
else
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
RABBITMQ_UI=15672 RABBITMQ_METRICS=15692
fi
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
  RabbitMQ:   http://127.0.0.1:$RABBITMQ_UI (guest/guest); queue depth for Prometheus on http://127.0.0.1:$RABBITMQ_METRICS/metrics/detailed
  Prometheus: http://127.0.0.1:$PROMETHEUS_PORT (unless PROMETHEUS=0), e.g. sum by (queue) (rabbitmq_detailed_queue_messages_ready),
              rate(ingest_events_accepted_total[1m]); the dashboard's queries are in infra/grafana/dashboards/pipeline.json
  Logs:       $run/*.log
TXT
if [ "$cluster" = 1 ]; then cat <<TXT
Cluster (docs/scaling.md, "Local cluster"): HAProxy on $INGEST_PORT (ingest) and $GATEWAY_PORT (gateway), its status page http://127.0.0.1:$HAPROXY_STATS_PORT/
  replicas:   Ingest 5111/5112, Gateway 5121/5122, Sessionization 5131/5132, Subscriptions 5141/5142, EngagementRanking 5151/5152
              (management ports 6111/6112 ... 6151/6152); pid files $run/<Service>-<n>.pid
  RabbitMQ:   rabbit1..3@localhost, AMQP 5681-5683, management 15681-15683, pid files $run/rabbit<n>.pid
  Redis:      Redis Cluster on 7001-7006 (3 masters, 3 replicas), pid files $run/redis-<port>.pid; redis-cli -c -p 7001
TXT
fi
cat <<TXT
Simulating $VIEWERS viewers; Ctrl+C stops everything this script started.

TXT
# In the background with a pid file, so "run-all.sh stop" from another shell stops it too; waiting keeps Ctrl+C here.
dotnet bench/LoadGen/bin/Release/net10.0/LoadGen.dll simulate --ingest "http://127.0.0.1:$INGEST_PORT" --viewers "$VIEWERS" &
echo $! >"$run/simulator.pid"
wait "$(cat "$run/simulator.pid")" || true
