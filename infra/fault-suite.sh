#!/usr/bin/env bash
# The fault suite (docs/operations.md, "The fault suite"): the five services as separate processes on a RabbitMQ node
# and a Redis of its own (never the shared 5672/6379), traffic from a seeded generator, kill -9 of each consumer
# service and of ingest, a RabbitMQ restart, kill -9 of Redis, 60-second outages of Redis and RabbitMQ; then every
# number the gateway reports is compared with the suite's reference model. Exit status 0 only if all are equal and no
# _error queue holds a message.
#   bash infra/fault-suite.sh                          # every fault, in order (~10 minutes)
#   bash infra/fault-suite.sh --only redis-kill        # one fault (names: the table's first column)
#   FAULT_SEED=1234 bash infra/fault-suite.sh          # replay a run's traffic (the seed is printed first)
#   bash infra/fault-suite.sh --cluster                # cluster mode: a local cluster of the suite's own, 2 replicas of
#                                                      # every service, nodes and replicas killed (~6 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export FAULT_REPOSITORY=$repo

if [ "${1:-}" = "--cluster" ]; then
  # The suite's own local cluster (infra/cluster-deps.sh with these settings), beside a developer's run-all.sh
  # --cluster and never touching it: nodes faults1..3@localhost with their own epmd (4371), AMQP 5791-5793,
  # management 15791-15793, Prometheus 15891-15893, distribution 25791-25793; Redis Cluster on 7391-7396; data and pid
  # files under var/faults-cluster.
  work=var/faults-cluster
  export CLUSTER_VAR=$repo/$work CLUSTER_RUN=$repo/$work/run CLUSTER_NODE_PREFIX=faults CLUSTER_EPMD_PORT=4371
  export CLUSTER_AMQP_BASE=5790 CLUSTER_REDIS_BASE=7390
  # The first node's, for the suite's refusal of the shared broker's and Redis' ports.
  export RABBITMQ_NODENAME=faults1@localhost RABBITMQ_PORT=5791 RABBITMQ_MANAGEMENT_PORT=15791 REDIS_PORT=7391
  stop_deps() { bash infra/cluster-deps.sh stop >/dev/null 2>&1 || true; }
  start_deps() { bash infra/cluster-deps.sh start; }
else
  # The suite's own broker and Redis: deps.sh with these settings starts, stops and restarts only them.
  work=var/faults
  export RABBITMQ_NODENAME=faults@localhost RABBITMQ_PORT=${FAULT_RABBITMQ_PORT:-5692}
  export RABBITMQ_MANAGEMENT_PORT=${FAULT_RABBITMQ_MANAGEMENT_PORT:-15693} RABBITMQ_PROMETHEUS_PORT=${FAULT_RABBITMQ_PROMETHEUS_PORT:-15694}
  export RABBITMQ_DATA_DIR=$repo/var/faults/rabbitmq
  export REDIS_PORT=${FAULT_REDIS_PORT:-6392} REDIS_DATA_DIR=$repo/var/faults/redis
  stop_deps() { bash infra/deps.sh stop >/dev/null 2>&1 || true; }
  start_deps() { bash infra/deps.sh start; }
fi
trap stop_deps EXIT INT TERM

# A fresh start: what an earlier run left (a node still up after a crash, its queues, Redis' append-only file) goes.
stop_deps
rm -rf "$work"
mkdir -p "$work/logs"

echo "[faults] building (Release)"
for project in services/{Ingest,Sessionization,Subscriptions,EngagementRanking,Gateway} tests/FaultSuite; do
  if ! out=$(dotnet build "$project" -c Release -v quiet -nologo 2>&1); then
    echo "$out" | grep -E "error" >&2 || echo "$out" >&2
    echo "[faults] $project did not build" >&2
    exit 1
  fi
done

start_deps
dotnet tests/FaultSuite/bin/Release/net10.0/FaultSuite.dll "$@"
