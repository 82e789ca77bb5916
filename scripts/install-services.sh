#!/usr/bin/env bash
# PostgreSQL and Redis for the queue-mode run (npm run test:queue), from Debian packages.
# Idempotent: does nothing when both servers' binaries are present. Installs only the packages;
# the test run starts its own throw-away instances (temp data dir, loopback, free ports), so no
# system service is started or configured here.
set -euo pipefail

have_postgres() { ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; }
have_redis() { command -v redis-server >/dev/null 2>&1; }

if have_postgres && have_redis; then
	echo "install-services: postgresql and redis-server already installed"
	exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "install-services: needs root or sudo for apt-get" >&2; exit 1; }
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# Debian's postinst would create and start a default cluster and service; the run needs neither.
# policy-rc.d 101 keeps services from starting inside containers without an init system.
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
	$sudo chmod +x /usr/sbin/policy-rc.d
	trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends postgresql redis-server
have_postgres && have_redis || { echo "install-services: install did not provide postgres and redis-server" >&2; exit 1; }
echo "install-services: $(ls -d /usr/lib/postgresql/*/bin/postgres | head -1), $(command -v redis-server)"
