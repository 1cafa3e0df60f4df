#!/usr/bin/env bash
# The local cluster's dependencies (run-all.sh --cluster): 3 RabbitMQ nodes joined in one cluster and a Redis Cluster
# of 3 masters and 3 replicas, from Debian packages (installed when missing), on loopback, with their data under
# var/ and their pid files under var/run/. Leaves the single broker and Redis of infra/deps.sh (5672, 6379) alone.
#   bash infra/cluster-deps.sh start [rabbitmq|redis]   # both, or one; a node that is down is started again
#   bash infra/cluster-deps.sh stop|status
# Ports: AMQP 5681-5683, management 15681-15683, the brokers' Prometheus endpoint 15781-15783, Erlang distribution
# 25681-25683 with an epmd of its own on 4370; Redis 7001-7006. Pid files: var/run/rabbit<n>.pid (the node's Erlang
# VM), var/run/redis-<port>.pid, var/run/epmd.pid.
# A second cluster beside that one (the fault suite's, infra/fault-suite.sh --cluster) takes these settings:
# CLUSTER_VAR (its data, instead of var/), CLUSTER_RUN (its pid files), CLUSTER_NODE_PREFIX (node names <prefix><n>),
# CLUSTER_AMQP_BASE (node n's AMQP port is base+n; management 10000 more, Prometheus 10100 more, distribution 20000
# more), CLUSTER_REDIS_BASE (ports base+1..base+6), CLUSTER_EPMD_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
run=${CLUSTER_RUN:-$root/var/run}
var=${CLUSTER_VAR:-$root/var}
rabbit_base=$var/rabbit-cluster
redis_base=$var/redis-cluster
prefix=${CLUSTER_NODE_PREFIX:-rabbit}
amqp_base=${CLUSTER_AMQP_BASE:-5680}
redis_port_base=${CLUSTER_REDIS_BASE:-7000}
RABBIT_NODES=(1 2 3)
REDIS_PORTS=()
for i in 1 2 3 4 5 6; do REDIS_PORTS+=($((redis_port_base + i))); done
# Its own epmd: the shared node's epmd (4369) stays untouched, and stopping the cluster can stop this one by its pid.
export ERL_EPMD_PORT=${CLUSTER_EPMD_PORT:-4370}
# One cookie for the nodes and for rabbitmqctl, in a HOME of the cluster's own (the /usr/sbin wrappers would switch
# to the rabbitmq user and its cookie, so the scripts under /usr/lib/rabbitmq/bin are called instead).
export HOME=$rabbit_base/home
rabbitmqctl=/usr/lib/rabbitmq/bin/rabbitmqctl

log() { echo "[cluster] $*" >&2; }
source infra/ports.sh
amqp_port() { echo $((amqp_base + $1)); }
ctl() { # node-number args...
  local n=$1; shift
  RABBITMQ_NODENAME="$prefix$n@localhost" "$rabbitmqctl" -n "$prefix$n@localhost" "$@"
}

install_missing() {
  local missing=()
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v redis-cli >/dev/null || missing+=(redis-tools)
  command -v jq >/dev/null || missing+=(jq) # reads rabbitmqctl's cluster_status
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]} from Debian packages"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

rabbit_config() { # node-number: its rabbitmq.conf
  local n=$1
  cat <<CONF
listeners.tcp.1 = 127.0.0.1:$(amqp_port "$n")
management.tcp.ip = 127.0.0.1
management.tcp.port = $((10000 + $(amqp_port "$n")))
prometheus.tcp.ip = 127.0.0.1
prometheus.tcp.port = $((10100 + $(amqp_port "$n")))
# The three nodes find each other at boot: no join steps.
cluster_formation.peer_discovery_backend = classic_config
cluster_formation.classic_config.nodes.1 = ${prefix}1@localhost
cluster_formation.classic_config.nodes.2 = ${prefix}2@localhost
cluster_formation.classic_config.nodes.3 = ${prefix}3@localhost
CONF
}

start_rabbit_node() { # node-number
  local n=$1 dir=$rabbit_base/rabbit$1
  started_at[n]=$SECONDS
  mkdir -p "$dir/mnesia" "$dir/log"
  rabbit_config "$n" >"$dir/rabbitmq.conf"
  echo "[rabbitmq_management,rabbitmq_prometheus]." >"$dir/enabled_plugins"
  # One scheduler and no busy waiting: three idle nodes on two cores stay near 1 % CPU each (MACHINE-NOTES).
  env RABBITMQ_NODENAME="$prefix$n@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$(amqp_port "$n")" \
    RABBITMQ_DIST_PORT=$((20000 + $(amqp_port "$n"))) RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
    RABBITMQ_PID_FILE="$run/rabbit$n.pid" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="+S 1:1 +sbwt none +sbwtdcpu none +sbwtdio none" \
    /usr/lib/rabbitmq/bin/rabbitmq-server -detached
}

# When the time each node was last started (SECONDS).
started_at=()

registered() { epmd -port "$ERL_EPMD_PORT" -names 2>/dev/null | grep -q "^name $prefix$1 at "; }

# Waits until every node takes AMQP connections. A node whose VM went away while starting is started again:
# RabbitMQ 3.10.8 nodes restarted together sometimes stop at boot with incompatible_feature_flags (badmap) when they
# ask a peer whose feature flags are not loaded yet; started again a little later, they join.
watch_rabbit_start() {
  local n up deadline=$((SECONDS + 180))
  while :; do
    up=0
    for n in "${RABBIT_NODES[@]}"; do
      if port_open "$(amqp_port "$n")"; then up=$((up + 1)); continue; fi
      if ((SECONDS - ${started_at[$n]:-0} > 30)) && ! registered "$n"; then
        log "$prefix$n@localhost exited while starting (see $rabbit_base/rabbit$n/log); starting it again"
        start_rabbit_node "$n"
      fi
    done
    ((up == ${#RABBIT_NODES[@]})) && return 0
    if ((SECONDS >= deadline)); then log "rabbitmq nodes still not up after 180 s; see $rabbit_base/rabbit*/log"; return 1; fi
    sleep 1
  done
}

running_nodes() { # how many nodes the first node sees running in its cluster
  ctl 1 cluster_status --formatter json 2>/dev/null | jq '.running_nodes | length' 2>/dev/null || echo 0
}

start_rabbitmq() {
  local n down=()
  for n in "${RABBIT_NODES[@]}"; do port_open "$(amqp_port "$n")" || down+=("$n"); done
  mkdir -p "$HOME" "$run"
  if [ ! -e "$HOME/.erlang.cookie" ]; then
    (umask 077; head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$HOME/.erlang.cookie")
    chmod 400 "$HOME/.erlang.cookie"
  fi
  if ! port_open "$ERL_EPMD_PORT"; then
    epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1 >/dev/null 2>&1 &
    echo $! >"$run/epmd.pid"
    wait_port epmd "$ERL_EPMD_PORT" 10
  fi
  if ((${#down[@]} == 0)); then
    log "rabbitmq nodes already answer on $(amqp_port 1)-$(amqp_port 3)"
  elif [ -d "$rabbit_base/rabbit1/mnesia/${prefix}1@localhost" ]; then
    # A restart (of all, or of the nodes that are down): a node waits for the peers it knows, so they start together.
    for n in "${down[@]}"; do start_rabbit_node "$n"; done
  else
    # A fresh cluster: the first node forms it, the other two find it through classic_config and join.
    start_rabbit_node 1
    wait_port "${prefix}1" "$(amqp_port 1)" 90
    for n in "${RABBIT_NODES[@]:1}"; do start_rabbit_node "$n"; done
  fi
  watch_rabbit_start
  local deadline=$((SECONDS + 60))
  until [ "$(running_nodes)" = "${#RABBIT_NODES[@]}" ]; do
    if ((SECONDS >= deadline)); then log "the rabbitmq nodes did not form one cluster within 60 s; see $rabbit_base/rabbit*/log"; return 1; fi
    sleep 1
  done
  log "rabbitmq cluster of ${#RABBIT_NODES[@]} nodes ready: AMQP 127.0.0.1:$(amqp_port 1)-$(amqp_port 3), management http://127.0.0.1:$((10000 + $(amqp_port 1)))-$((10000 + $(amqp_port 3))) (guest/guest)"
}

start_redis_node() { # port
  local port=$1 dir=$redis_base/$1
  mkdir -p "$dir"
  # Durable as the single Redis (docs/operations.md): every write fsynced to the append-only file before Redis
  # answers, no eviction. A node that stops answering for 5 s is failed over to its replica.
  redis-server --daemonize yes --port "$port" --bind 127.0.0.1 --dir "$dir" --pidfile "$run/redis-$port.pid" \
    --logfile "$dir/redis.log" --cluster-enabled yes --cluster-config-file "nodes-$port.conf" --cluster-node-timeout 5000 \
    --appendonly yes --appendfsync always --save '' --maxmemory-policy noeviction --repl-diskless-sync-delay 0
}

redis_info() { redis-cli -p "$1" "${@:2}" 2>/dev/null | tr -d '\r'; }

start_redis() {
  mkdir -p "$run"
  for port in "${REDIS_PORTS[@]}"; do
    if port_open "$port"; then log "redis already answers on $port"; else start_redis_node "$port"; fi
  done
  for port in "${REDIS_PORTS[@]}"; do
    local deadline=$((SECONDS + 120))
    until [ "$(redis_info "$port" ping)" = "PONG" ]; do
      if ((SECONDS >= deadline)); then log "redis $port did not answer within 120 s"; return 1; fi
      sleep 0.2
    done
  done
  # Created once; a restart finds the cluster in the nodes-<port>.conf files.
  if [ "$(redis_info "${REDIS_PORTS[0]}" cluster info | sed -n 's/^cluster_known_nodes://p')" = "1" ]; then
    local nodes=(); for port in "${REDIS_PORTS[@]}"; do nodes+=("127.0.0.1:$port"); done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$redis_base/create.log"
  fi
  local deadline=$((SECONDS + 60))
  until [ "$(redis_info "${REDIS_PORTS[0]}" cluster info | sed -n 's/^cluster_state://p')" = "ok" ] && replicas_in_sync; do
    if ((SECONDS >= deadline)); then log "the redis cluster is not ok with its replicas in sync within 60 s"; return 1; fi
    sleep 0.5
  done
  log "redis cluster ready: 3 masters and 3 replicas on 127.0.0.1:${REDIS_PORTS[0]}-${REDIS_PORTS[5]} (data in $redis_base)"
}

replicas_in_sync() { # every replica's link to its master is up (cluster_state:ok comes first)
  local up=0
  for port in "${REDIS_PORTS[@]}"; do
    [ "$(redis_info "$port" info replication | sed -n 's/^master_link_status://p')" = "up" ] && up=$((up + 1))
  done
  [ "$up" = $((${#REDIS_PORTS[@]} / 2)) ]
}

stop_all() {
  # The three at once (each stop waits for its VM to exit, ~10 s); they start together again on the next start.
  for n in "${RABBIT_NODES[@]}"; do
    if [ -e "$run/rabbit$n.pid" ]; then
      { ctl "$n" stop "$run/rabbit$n.pid" >/dev/null 2>&1 || kill "$(cat "$run/rabbit$n.pid")" 2>/dev/null || true; rm -f "$run/rabbit$n.pid"; } &
    fi
  done
  wait
  if [ -e "$run/epmd.pid" ]; then kill "$(cat "$run/epmd.pid")" 2>/dev/null || true; rm -f "$run/epmd.pid"; fi
  # SHUTDOWN fsyncs the append-only file; nothing acknowledged is lost by stopping.
  for port in "${REDIS_PORTS[@]}"; do
    if [ -e "$run/redis-$port.pid" ]; then
      redis-cli -p "$port" shutdown >/dev/null 2>&1 || kill "$(cat "$run/redis-$port.pid")" 2>/dev/null || true
      rm -f "$run/redis-$port.pid"
    fi
  done
  log "stopped the rabbitmq and redis clusters"
}

case "${1:-start}" in
  start)
    install_missing
    case "${2:-}" in
      "") start_redis; start_rabbitmq ;;
      redis) start_redis ;;
      rabbitmq) start_rabbitmq ;;
      *) echo "usage: $0 start [rabbitmq|redis]" >&2; exit 2 ;;
    esac
    ;;
  stop) stop_all ;;
  status)
    log "rabbitmq nodes running: $(running_nodes) of ${#RABBIT_NODES[@]}"
    log "redis cluster: $(redis_info "${REDIS_PORTS[0]}" cluster info | sed -n 's/^cluster_state://p')"
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
