#!/usr/bin/env bash
# What the tests need from the operating system (Debian/Ubuntu): Debian's chromium for the
# browser journeys (Playwright drives it; no browser build is ever downloaded) and fonts with
# Cyrillic, Kazakh and CJK glyphs for screenshots and PDFs; Pango for WeasyPrint; poppler's
# pdftoppm to look at the PDFs. Installs only what is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -i "DejaVu Sans" >/dev/null || need+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)       # PDF pages to PNG for review
ldconfig -p 2>/dev/null | grep "libpango-1.0" >/dev/null || need+=(libpango-1.0-0 libpangoft2-1.0-0)  # WeasyPrint
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing system packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "run as root (or install them yourself): apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
