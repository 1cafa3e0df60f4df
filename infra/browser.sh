#!/usr/bin/env bash
# Installs Chromium from Debian packages, when missing, for the dashboard's headless-browser test
# (tests/Dashboard.Tests drives /usr/bin/chromium with Microsoft.Playwright; Playwright's own browser builds are
# never downloaded). Safe to run again: an installed browser is left alone.
set -euo pipefail

log() { echo "[browser] $*" >&2; }

if command -v chromium >/dev/null; then
  log "chromium already installed: $(chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi

log "installing chromium (Debian package) for the dashboard browser test"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
# fonts-liberation: text in screenshots renders with real glyphs on a machine without a desktop.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
log "installed: $(chromium --version)"
