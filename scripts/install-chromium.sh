#!/usr/bin/env bash
# Installs the one machine prerequisite of the browser tests: Debian's Chromium
# at /usr/bin/chromium. Browser builds are never downloaded by npm tooling.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo unknown)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >/dev/null
echo "chromium installed: $(/usr/bin/chromium --version)"
