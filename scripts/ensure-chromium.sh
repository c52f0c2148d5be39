#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests (Playwright drives it; it never
# downloads a browser of its own). Installs it when we are root; otherwise says what to do.
set -euo pipefail
for candidate in "${BUERGERNAH_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium fehlt: installiere Debians Paket chromium …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium fehlt. Bitte installieren: sudo apt-get install -y chromium (oder BUERGERNAH_CHROMIUM=/pfad/zu/chromium setzen)." >&2
exit 1
