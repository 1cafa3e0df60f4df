#!/usr/bin/env bash
# Installs (from Debian packages, when missing) and starts RabbitMQ and Redis on loopback, without systemd or
# Docker, then waits until both answer. Safe to run again: what already runs is left alone.
#   bash infra/deps.sh start|stop|status [redis|rabbitmq]   (both when neither is named)
# Ports: RABBITMQ_PORT (5672), RABBITMQ_MANAGEMENT_PORT (15672), REDIS_PORT (6379). Redis keeps its append-only file
# in REDIS_DATA_DIR (var/redis-$REDIS_PORT under the repository), which outlives the process: a restart reads it back.
# A second RabbitMQ node beside the first (the fault suite's) also needs its own RABBITMQ_NODENAME, and
# RABBITMQ_PROMETHEUS_PORT (the plugin's default 15692 is the first node's). RabbitMQ keeps its database and logs in
# RABBITMQ_DATA_DIR (var/rabbitmq-$RABBITMQ_PORT under the repository), not in /var/lib/rabbitmq: whatever another
# broker left there on the machine (thousands of queues take minutes to recover at boot) cannot slow this one down.
set -euo pipefail

export RABBITMQ_NODENAME=${RABBITMQ_NODENAME:-rabbit@localhost}
RABBITMQ_PORT=${RABBITMQ_PORT:-5672}
REDIS_PORT=${REDIS_PORT:-6379}
RABBITMQ_DATA_DIR=${RABBITMQ_DATA_DIR:-$(cd "$(dirname "$0")/.." && pwd)/var/rabbitmq-$RABBITMQ_PORT}
REDIS_DATA_DIR=${REDIS_DATA_DIR:-$(cd "$(dirname "$0")/.." && pwd)/var/redis-$REDIS_PORT}

log() { echo "[deps] $*" >&2; }

source "$(dirname "$0")/ports.sh"

install_missing() {
  local missing=()
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v redis-cli >/dev/null || missing+=(redis-tools)
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]} from Debian packages"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

start_redis() {
  if port_open "$REDIS_PORT"; then log "redis already answers on $REDIS_PORT"; return 0; fi
  mkdir -p "$REDIS_DATA_DIR"
  # Durable (docs/operations.md): every write is in the append-only file, fsynced, before Redis answers, so a commit
  # whose message was acknowledged to RabbitMQ survives a crash of Redis or of the machine. No eviction: a full
  # Redis refuses writes (consumers retry) rather than silently dropping counters.
  redis-server --daemonize yes --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DATA_DIR" \
    --pidfile "$REDIS_DATA_DIR/redis.pid" --logfile "$REDIS_DATA_DIR/redis.log" \
    --appendonly yes --appendfsync always --save '' --maxmemory-policy noeviction
  # Loading a large append-only file takes a moment: wait until Redis answers PING with PONG, not merely the port.
  local deadline=$((SECONDS + 120))
  until [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; do
    if ((SECONDS >= deadline)); then log "redis did not finish loading within 120 s (see $REDIS_DATA_DIR/redis.log)"; return 1; fi
    sleep 0.2
  done
  log "redis ready on 127.0.0.1:$REDIS_PORT (data in $REDIS_DATA_DIR)"
}

start_rabbitmq() {
  if port_open "$RABBITMQ_PORT"; then log "rabbitmq already answers on $RABBITMQ_PORT"; return 0; fi
  rabbitmq-plugins enable --offline rabbitmq_management rabbitmq_prometheus >/dev/null
  # Loopback only; the management UI (guest/guest) and the broker's Prometheus endpoint come with it.
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$RABBITMQ_PORT
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-rabbitmq_management listener [{port,${RABBITMQ_MANAGEMENT_PORT:-15672}},{ip,\"127.0.0.1\"}]"
  if [ -n "${RABBITMQ_PROMETHEUS_PORT:-}" ]; then
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS+=" -rabbitmq_prometheus tcp_config [{port,$RABBITMQ_PROMETHEUS_PORT},{ip,\"127.0.0.1\"}]"
  fi
  # The server runs as the rabbitmq user (the /usr/sbin wrapper switches to it), which must own the directory.
  mkdir -p "$RABBITMQ_DATA_DIR/mnesia" "$RABBITMQ_DATA_DIR/log"
  chown -R rabbitmq:rabbitmq "$RABBITMQ_DATA_DIR" 2>/dev/null || true
  export RABBITMQ_MNESIA_BASE=$RABBITMQ_DATA_DIR/mnesia RABBITMQ_LOG_BASE=$RABBITMQ_DATA_DIR/log
  rabbitmq-server -detached
  # `rabbitmq-diagnostics ping` answers before AMQP listens, so wait for the port itself. A fresh node listens within
  # 10 s; one recovering many durable queues takes longer, hence the generous bound.
  if ! wait_port rabbitmq "$RABBITMQ_PORT" 240; then
    log "the end of its log ($RABBITMQ_DATA_DIR/log):"
    tail -n 30 "$RABBITMQ_DATA_DIR"/log/*.log >&2 2>/dev/null || true
    return 1
  fi
  log "rabbitmq ready on 127.0.0.1:$RABBITMQ_PORT (management http://127.0.0.1:${RABBITMQ_MANAGEMENT_PORT:-15672})"
}

only=${2:-}
want() { [ -z "$only" ] || [ "$only" = "$1" ]; }

case "${1:-start}" in
  start)
    install_missing
    if want redis; then start_redis; fi
    if want rabbitmq; then start_rabbitmq; fi
    ;;
  stop)
    # SHUTDOWN fsyncs the append-only file; nothing acknowledged is lost by stopping.
    if want redis; then redis-cli -p "$REDIS_PORT" shutdown 2>/dev/null || true; fi
    if want rabbitmq; then
      rabbitmqctl stop >/dev/null 2>&1 || true
      epmd -kill >/dev/null 2>&1 || true
    fi
    log "stopped ${only:-redis and rabbitmq}"
    ;;
  status)
    port_open "$REDIS_PORT" && log "redis up" || log "redis down"
    port_open "$RABBITMQ_PORT" && log "rabbitmq up" || log "rabbitmq down"
    ;;
  *) echo "usage: $0 start|stop|status [redis|rabbitmq]" >&2; exit 2 ;;
esac
