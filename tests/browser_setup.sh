#!/usr/bin/env bash
# Installs the browser that tests/test_web_browser.py drives: Debian's Chromium, from apt.
# The Python side (playwright==1.65.2) comes from the project's pinned requirements; never run
# `playwright install` (it downloads a browser build, which this project's machines cannot fetch).
# Without root or apt the script says so and exits 0: the browser tests then skip themselves.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  echo "browser_setup: $(chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "browser_setup: chromium missing and apt-get unavailable (or not root); browser tests will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "browser_setup: installed $(chromium --version 2>/dev/null || echo chromium)"
