#!/usr/bin/env bash
# The benchmark of the deployed system in one command (docs/benchmarks.md): starts RabbitMQ and Redis as shipped
# (infra/deps.sh: Redis durable), builds all five services and the load generator in Release, starts the services on
# a namespace and ports of their own, runs LoadGen's bench (throughput runs, latency at half load, the MassTransit
# baseline) with the CPU per event of every component (ingest, sessionization, subscriptions, engagement ranking,
# gateway, RabbitMQ, Redis, the generator), then the query table (a month of 1,000 titles seeded through ingest, each
# query timed on the client) and ingestion with and without 1,000 /v1/live listeners; stops the services it started
# and prints the summaries.
#
#   bash bench/run.sh [--quick] [LoadGen bench options, which override the defaults: --runs 5, --only throughput, ...]
#
# Defaults: 1,000,000 events per throughput run, 3 runs, 300,000 warm-up events, 20 s of latency, 100,000 baseline
# messages; queries over 1,000 titles (1.44 M seed events), 200 per query (at most 30 s each), live fan-out compared
# over 5 runs of 200,000 events. --quick (CI's smoke run): 200,000 events, 1 run, 50,000 warm-up, 10 s of latency,
# 20,000 baseline messages; queries over 100 titles, 30 per query (at most 5 s each), 3 live runs of 50,000 events.
# Ports: BENCH_PORT_BASE (5600) + 1..5 for ingest, gateway, sessionization, subscriptions, engagement ranking,
# management ports 1000 above. Logs under var/bench/. RabbitMQ and Redis are left running, as infra/deps.sh leaves them.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
args=()
for a in "$@"; do
  if [ "$a" = "--quick" ]; then quick=1; else args+=("$a"); fi
done
if [ "$quick" = 1 ]; then
  sizes=(--events 200000 --runs 1 --warmup 50000 --latency-seconds 10 --baseline-events 20000
    --query-titles 100 --queries 30 --query-seconds 5 --listener-events 50000 --listener-rounds 3)
else
  sizes=(--events 1000000 --runs 3 --warmup 300000 --latency-seconds 20 --baseline-events 100000
    --query-titles 1000 --queries 200 --listener-events 200000 --listener-rounds 5)
fi

base=${BENCH_PORT_BASE:-5600}
logs=var/bench
mkdir -p "$logs"
log() { echo "[bench] $*" >&2; }

bash infra/deps.sh start
log "building (Release)"
dotnet build Microservices.sln -c Release -v quiet -nologo | grep -E " error |rror\(s\)" || true

export Pipeline__Namespace=bench-$(date -u +%m%d%H%M%S)
export Auth__OperatorKey=${Auth__OperatorKey:-$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')}
# The query phase holds 1,000 /v1/live streams open with the operator key (the gateway's default cap is 20 per key).
export Gateway__LiveStreamsPerKey=${Gateway__LiveStreamsPerKey:-1100}
export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x4000000} # as infra/run-all.sh runs them

services=(Ingest Gateway Sessionization Subscriptions EngagementRanking)
names=(ingest gateway sessionization subscriptions engagement)
pids=()
stop_services() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
}
trap stop_services EXIT

for i in "${!services[@]}"; do
  name=${services[$i]} port=$((base + i + 1))
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" Management__Port=$((port + 1000)) \
    ASPNETCORE_CONTENTROOT="$PWD/services/$name/bin/Release/net10.0" dotnet "services/$name/bin/Release/net10.0/$name.dll" >"$logs/$name.log" 2>&1 &
  pids+=($!)
done
for i in "${!services[@]}"; do
  name=${services[$i]} port=$((base + i + 1)) deadline=$((SECONDS + 90))
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null; do
    if ((SECONDS >= deadline)); then log "$name is not ready after 90 s; see $logs/$name.log"; exit 1; fi
    sleep 0.5
  done
done
log "services ready on 127.0.0.1:$((base + 1))-$((base + 5)), namespace $Pipeline__Namespace"

cpu=""
for i in "${!services[@]}"; do cpu+="${names[$i]}=${pids[$i]},"; done
rabbit=$(rabbitmqctl -n "${RABBITMQ_NODENAME:-rabbit@localhost}" eval 'list_to_integer(os:getpid()).' 2>/dev/null | tr -d '[:space:]' || true)
redis=$(redis-cli -p "${REDIS_PORT:-6379}" info server | tr -d '\r' | awk -F: '$1 == "process_id" { print $2 }')
[[ "$rabbit" =~ ^[0-9]+$ ]] && cpu+="rabbitmq=$rabbit," || log "RabbitMQ's pid not found: its CPU is not measured"
[[ "$redis" =~ ^[0-9]+$ ]] && cpu+="redis=$redis" || log "Redis's pid not found: its CPU is not measured"

# In the background and waited for, so a TERM (CI's timeout) stops the generator and the services at once.
dotnet bench/LoadGen/bin/Release/net10.0/LoadGen.dll bench --ingest "http://127.0.0.1:$((base + 1))" \
  --gateway "http://127.0.0.1:$((base + 2))" --redis "127.0.0.1:${REDIS_PORT:-6379}" --rabbit 127.0.0.1 \
  --namespace "$Pipeline__Namespace" --partitions 4 --batch 500 --senders 8 --cpu "${cpu%,}" "${sizes[@]}" "${args[@]}" &
loadgen=$!
trap 'kill "$loadgen" 2>/dev/null; exit 143' INT TERM
wait "$loadgen"
