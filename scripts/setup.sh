#!/usr/bin/env bash
# Install what the site needs, skipping whatever is already up to date.
#   scripts/setup.sh                  Python venv + the build's pinned packages
#                                     (requirements-build.txt), pinned npm assets
#   scripts/setup.sh --with-browser   for the tests: all pinned packages (requirements.txt,
#                                     which includes the build's), plus Chromium
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m%s\033[0m\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Each step runs again only when its inputs change: a stamp file remembers
# the hash of the inputs it last installed from.
digest() { cat "$@" | sha256sum | cut -d' ' -f1; }
fresh() { [ -f ".stamps/$1" ] && [ "$(cat ".stamps/$1")" = "$(digest "${@:2}")" ]; }  # fresh NAME FILES...
record() { digest "${@:2}" > ".stamps/$1"; }                                          # record NAME FILES...
mkdir -p .stamps

# -- Python ------------------------------------------------------------------
PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null || die "Python 3.11+ is needed: install python3 (Debian: apt-get install python3 python3-venv)."
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "Python 3.11+ is needed; $PYTHON is $("$PYTHON" --version 2>&1)."
if [ ! -x .venv/bin/python ]; then
  say "Creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv || die "could not create .venv (Debian: apt-get install python3-venv)."
  rm -f .stamps/python-*
fi
# The build needs requirements-build.txt; the tests need requirements.txt (which includes it).
REQUIREMENTS=requirements-build.txt
[ "${1:-}" = "--with-browser" ] && REQUIREMENTS=requirements.txt
if ! fresh "python-$REQUIREMENTS" $REQUIREMENTS requirements-build.txt pyproject.toml; then
  say "Installing the pinned Python packages ($REQUIREMENTS)"
  .venv/bin/pip install --quiet --disable-pip-version-check -r $REQUIREMENTS
  .venv/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
  record "python-$REQUIREMENTS" $REQUIREMENTS requirements-build.txt pyproject.toml
fi

# -- Node: the pinned front-end runtime (Plotly, Pyodide) ---------------------
# Node 18 is enough (Debian 12 and Ubuntu 24.04 ship it): npm ci, esbuild (the editor
# bundle), Pyodide 0.29 and `node --test` all run on it (tested with Debian 12's 18.20.4).
command -v node >/dev/null && command -v npm >/dev/null \
  || die "Node.js 18+ and npm are needed (Debian/Ubuntu: apt-get install nodejs npm)."
node -e 'process.exit(Number(process.versions.node.split(".")[0] < 18))' \
  || die "Node.js 18+ is needed (Pyodide 0.29 and esbuild require it); this is $(node --version)."
if [ ! -d node_modules ] || ! fresh npm package-lock.json; then
  say "Installing the pinned npm packages (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  record npm package-lock.json
fi

# -- Chromium, for the browser tests ----------------------------------------------
if [ "${1:-}" = "--with-browser" ]; then
  if ! command -v "${CHROMIUM:-chromium}" >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "Installing Chromium from Debian's packages (apt-get install chromium)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
        || die "apt-get could not install chromium."
    else
      die "the browser tests need Chromium. Install it with 'sudo apt-get install chromium' (Debian/Ubuntu), or set CHROMIUM=/path/to/chromium."
    fi
  fi
fi
exit 0
