#!/usr/bin/env bash
# What the tests need from Debian, installed when missing (CI starts on a clean machine): chromium for the
# end-to-end tests (never a browser a tool downloads by itself) and kubectl for the tests that drive the real
# kubectl against `synclab serve`.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v kubectl >/dev/null 2>&1 || need+=(kubernetes-client)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "synclab: the tests need Debian's ${need[*]}: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "synclab: installing Debian's ${need[*]} for the tests"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
