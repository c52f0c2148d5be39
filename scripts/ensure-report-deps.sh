#!/usr/bin/env bash
# The council report's PDF needs Pango (WeasyPrint) and a font with German glyphs; its tests look at
# the PDF with poppler-utils (pdftoppm, pdftotext). Installs Debian's packages when we are root;
# otherwise says what to do.
set -euo pipefail
missing=()
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || missing+=(fonts-dejavu-core)
if [ "${1:-}" = "--test" ]; then
  command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null || missing+=(poppler-utils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Für den PDF-Bericht fehlen Debian-Pakete: installiere ${missing[*]} …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Für den PDF-Bericht fehlen: sudo apt-get install -y ${missing[*]}" >&2
exit 1
