#!/usr/bin/env bash
# The one-shot job of docker-compose.cluster.yml that makes the six Redis nodes one Redis Cluster of 3 masters and
# 3 replicas, once: on a later start it finds the cluster formed and exits 0. REDISCLI_AUTH holds the password.
#   bash cluster-create.sh redis-1 redis-2 redis-3 redis-4 redis-5 redis-6
set -euo pipefail
nodes=()
for host in "$@"; do
  until [ "$(redis-cli -h "$host" ping 2>/dev/null)" = "PONG" ]; do sleep 1; done
  # CLUSTER MEET takes addresses, not host names: resolve each node on the stack's network.
  nodes+=("$(getent hosts "$host" | cut -d' ' -f1):6379")
done
known=$(redis-cli -h "$1" cluster info | tr -d '\r' | sed -n 's/^cluster_known_nodes://p')
if [ "$known" = "$#" ]; then
  echo "the redis cluster of $# nodes is already formed"
else
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes
fi
until redis-cli -h "$1" cluster info | tr -d '\r' | grep -qx 'cluster_state:ok'; do sleep 1; done
echo "redis cluster ok"
