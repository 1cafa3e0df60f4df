#!/usr/bin/env bash
# The fault suite (docs/operations.md, "The fault suite"): the five services as separate processes on a RabbitMQ node
# and a Redis of its own (never the shared 5672/6379), traffic from a seeded generator, kill -9 of each consumer
# service and of ingest, a RabbitMQ restart, kill -9 of Redis, 60-second outages of Redis and RabbitMQ; then every
# number the gateway reports is compared with the suite's reference model. Exit status 0 only if all are equal and no
# _error queue holds a message.
#   bash infra/fault-suite.sh                          # every fault, in order (~10 minutes)
#   bash infra/fault-suite.sh --only redis-kill        # one fault (names: the table's first column)
#   FAULT_SEED=1234 bash infra/fault-suite.sh          # replay a run's traffic (the seed is printed first)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

# The suite's own broker and Redis: deps.sh with these settings starts, stops and restarts only them.
export RABBITMQ_NODENAME=faults@localhost RABBITMQ_PORT=${FAULT_RABBITMQ_PORT:-5692}
export RABBITMQ_MANAGEMENT_PORT=${FAULT_RABBITMQ_MANAGEMENT_PORT:-15693} RABBITMQ_PROMETHEUS_PORT=${FAULT_RABBITMQ_PROMETHEUS_PORT:-15694}
export RABBITMQ_DATA_DIR=$repo/var/faults/rabbitmq
export REDIS_PORT=${FAULT_REDIS_PORT:-6392} REDIS_DATA_DIR=$repo/var/faults/redis
export FAULT_REPOSITORY=$repo

stop_deps() { bash infra/deps.sh stop >/dev/null 2>&1 || true; }
trap stop_deps EXIT INT TERM

# A fresh start: what an earlier run left (a node still up after a crash, its queues, Redis' append-only file) goes.
stop_deps
rm -rf var/faults
mkdir -p var/faults/logs

echo "[faults] building (Release)"
for project in services/{Ingest,Sessionization,Subscriptions,EngagementRanking,Gateway} tests/FaultSuite; do
  if ! out=$(dotnet build "$project" -c Release -v quiet -nologo 2>&1); then
    echo "$out" | grep -E "error" >&2 || echo "$out" >&2
    echo "[faults] $project did not build" >&2
    exit 1
  fi
done

bash infra/deps.sh start
dotnet tests/FaultSuite/bin/Release/net10.0/FaultSuite.dll "$@"
