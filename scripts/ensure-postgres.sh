#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL server binaries are there for the DuckLake tests (tests/ducklake
# start a private server with initdb in a temporary directory; nothing is configured system-wide).
# Installs Debian's postgresql (and locales, for a German-locale test server) when we are root;
# otherwise says what to do.
set -euo pipefail
found() {
  for candidate in "${BUERGERNAH_PG_BIN:-}" /usr/lib/postgresql/*/bin; do
    if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then return 0; fi
  done
  command -v initdb >/dev/null && command -v pg_ctl >/dev/null
}
if found && [ -d /usr/share/i18n/locales ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "PostgreSQL fehlt: installiere Debians Pakete postgresql und locales …"
  apt-get update -qq
  # the package's own cluster is not needed (the tests run their own server)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql locales >/dev/null
  exit 0
fi
if found; then exit 0; fi
echo "PostgreSQL fehlt (für tests/ducklake). Bitte installieren: sudo apt-get install -y postgresql (oder BUERGERNAH_PG_BIN=/pfad/zu/bin setzen)." >&2
exit 1
