#!/bin/sh
# Runs a command inside a fresh network namespace where only the loopback interface is up,
# so browser and network tests can never send packets beyond 127.0.0.0/8 and ::1.
# As root this uses `unshare -n`; elsewhere `unshare -rn` (needs unprivileged user namespaces).
set -eu
if [ "$(id -u)" -eq 0 ]; then
  exec unshare -n sh -c 'ip link set lo up && exec "$@"' loopback "$@"
else
  exec unshare -rn sh -c 'ip link set lo up && exec "$@"' loopback "$@"
fi
