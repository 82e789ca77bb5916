#!/usr/bin/env bash
# Chromium for the editor checks and the examples' screenshots (npm run test:editor, npm run screenshots),
# from Debian's packages: the browser is never downloaded from npm (puppeteer-core drives it over CDP).
# Idempotent: does nothing but print the version when a chromium binary is present. Quiet otherwise.
set -euo pipefail

find_chromium() {
	for bin in "${CHROMIUM_PATH:-}" chromium chromium-browser; do
		[ -n "$bin" ] && command -v "$bin" >/dev/null 2>&1 && { command -v "$bin"; return 0; }
	done
	return 1
}

if ! bin="$(find_chromium)"; then
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || { echo "install-browser: needs root or sudo for apt-get" >&2; exit 1; }
		sudo="sudo"
	fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# Fonts so the editor's text renders in screenshots; recommends would pull in a desktop's worth.
	$sudo apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
	bin="$(find_chromium)" || { echo "install-browser: apt-get did not provide a chromium binary" >&2; exit 1; }
fi
echo "install-browser: $("$bin" --version 2>/dev/null | head -1) at $bin"
