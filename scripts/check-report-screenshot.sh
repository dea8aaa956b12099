#!/usr/bin/env bash
# Screenshots a report written by `inverseface report` in headless Chromium, so that a person (or a
# reviewing session) can look at the page as a browser renders it.
#
#   scripts/check-report-screenshot.sh OUTPUT_DIR/report.html [SCREENSHOT.png]
#
# Installs Debian's chromium when it is missing (needs root and apt). The JUnit tests never need it.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 REPORT_HTML [SCREENSHOT_PNG]" >&2
  exit 2
fi
report=$(realpath "$1")
shot=$(realpath -m "${2:-${report%.html}-screenshot.png}")
[[ -f "$report" ]] || { echo "$0: no such file: $report" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian package)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi

# A throw-away profile: a shared one would be locked by any running browser.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size=1280,900 --screenshot="$shot" "file://$report" >/dev/null 2>&1

[[ -s "$shot" ]] || { echo "$0: chromium wrote no screenshot" >&2; exit 1; }
echo "$shot"
