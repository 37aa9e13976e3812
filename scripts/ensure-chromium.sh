#!/usr/bin/env bash
# The end-to-end tests drive Debian's chromium; never a browser a tool downloads by itself.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "synclab: the end-to-end tests need Debian's chromium: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "synclab: installing Debian's chromium for the end-to-end tests"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
