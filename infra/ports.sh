# Sourced by infra/deps.sh and infra/cluster-deps.sh: whether something listens on a loopback port, and waiting for
# it. wait_port reports through the caller's own log().
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # name port seconds
  local deadline=$((SECONDS + $3))
  until port_open "$2"; do
    if ((SECONDS >= deadline)); then log "$1 did not open port $2 within $3 s"; return 1; fi
    sleep 0.5
  done
}
