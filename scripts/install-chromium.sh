#!/usr/bin/env bash
# Installs what the test suite needs from Debian, each package checked on its own (so fonts still get
# installed when Chromium is already there): Chromium at /usr/bin/chromium for the browser tests,
# Noto fonts for Arabic text, and a Java runtime for the W3C Nu HTML Checker (vnu-jar).
# Browser builds are never downloaded by npm tooling. Runs as `pretest`; does nothing when all is present.
set -euo pipefail
PACKAGES=(chromium fonts-noto-core default-jre-headless)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for pkg in "${PACKAGES[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done
# A machine may have Chromium or Java from elsewhere; what the tests run is what counts.
if [ -x /usr/bin/chromium ]; then missing=("${missing[@]/chromium}"); fi
if command -v java >/dev/null 2>&1; then missing=("${missing[@]/default-jre-headless}"); fi
read -r -a missing <<< "${missing[*]:-}"
if [ "${#missing[@]}" -eq 0 ]; then
  echo "test prerequisites present: $(/usr/bin/chromium --version 2>/dev/null || echo chromium), fonts-noto-core, $(java -version 2>&1 | head -n1)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing ${missing[*]}: install them with your system's package manager (this script knows Debian's apt-get)" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
echo "installing ${missing[*]} (apt-get)"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
