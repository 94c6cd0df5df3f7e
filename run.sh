#!/usr/bin/env bash
# One entry point for a fresh machine (Python 3.11, Node 20/npm, apt): sets up what a command
# needs, then runs it. Safe to run again: each step is skipped when already up to date.
#
#   ./run.sh build     build the demo site into output/: replays the recorded PTV and Lähellä.fi
#                      answers through the importers, then builds (no network besides registries)
#   ./run.sh test      run the whole test suite (installs Debian chromium for the browser tests)
#   ./run.sh build-site [--publish] [--debug]   build from content/ as it is (no replay)
#   ./run.sh serve     build, then serve output/ on http://127.0.0.1:8000/
#   ./run.sh deploy [--dry-run]   self-check output/, then publish it with tray.toml's [deploy] target
#   ./run.sh rollback  make the previous release live again (directory target, docs/deploy.md)
#   ./run.sh nightly [--no-deploy] [--no-commit]   what a scheduler runs: import, commit, build, check, deploy,
#                      report; exit 0 ok, 1 failed, 2 usage, 3 degraded (docs/operating.md)
#   ./run.sh <task>    any other invoke task (./run.sh --list shows them)
#
# TARJOTIN_NO_SETUP=1 skips the setup steps and uses .venv/, node_modules/ and chromium as they
# are (the fork rehearsal's copy links them from the checkout and must never install into them).
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}

python_env() {
  [ -n "${TARJOTIN_NO_SETUP:-}" ] && return 0
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
  fi
  local stamp=.venv/.requirements.sha
  local want
  want=$(cat requirements.txt requirements-test.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
    echo "$want" > "$stamp"
  fi
}

node_env() {
  [ -n "${TARJOTIN_NO_SETUP:-}" ] && return 0
  local stamp=node_modules/.package-lock.sha
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
}

browser_env() {
  [ -n "${TARJOTIN_NO_SETUP:-}" ] && return 0
  # nginx: the deploy tests start the shipped configuration (deploy/nginx/) on 127.0.0.1.
  if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null || [ ! -x /usr/sbin/nginx ]; then
    apt_install chromium poppler-utils fonts-dejavu-core nginx
  fi
}

# Voikko, the Finnish analyser of the search index (docs/search.md "Finnish derivations"): the
# library and its dictionary; a build without them warns and indexes without derivations.
morphology_env() {
  [ -n "${TARJOTIN_NO_SETUP:-}" ] && return 0
  if ! compgen -G '/usr/lib/*/libvoikko.so.1' >/dev/null || [ ! -d /usr/lib/voikko/5/mor-standard ]; then
    apt_install libvoikko1 voikko-fi || echo "run.sh: could not install libvoikko1 voikko-fi; search builds without Finnish derivations" >&2
  fi
}

apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

cmd=${1:-build}
[ $# -gt 0 ] && shift
case "$cmd" in
  build)
    python_env; node_env; morphology_env
    .venv/bin/invoke demo
    ;;
  build-site)
    python_env; node_env; morphology_env
    .venv/bin/invoke build "$@"
    ;;
  test)
    python_env; node_env; browser_env; morphology_env
    .venv/bin/invoke test "$@"
    ;;
  serve)
    # tarjotin.preview: builds, serves, and rebuilds on every saved change (docs/toimittajan-opas.md)
    python_env; node_env
    .venv/bin/invoke serve "$@"
    ;;
  *)
    python_env; node_env
    .venv/bin/invoke "$cmd" "$@"
    ;;
esac
