#!/usr/bin/env bash
# The README's test command (and CI's, via .ci/run): make this machine able to run every
# test, then run them all. Arguments go to pytest (./tools/test.sh tests/unit -x).
#
#   1. Python >= 3.11, or one sentence saying so (pip would fail deep inside numpy);
#   2. the dev requirements, into the Python that runs this (use a virtual environment;
#      $PYTHON picks another interpreter);
#   3. a browser for the end-to-end tests, looked for as tests/servers.py does:
#      $CHROMIUM_PATH, Debian's chromium-headless-shell, the system's Chromium,
#      Playwright's own. On Debian, Debian's chromium-headless-shell and chromium; on Ubuntu (whose chromium is a snap, which does not run
#      in a container) and without apt (macOS), Playwright's own Chromium;
#   4. nginx, for the two-replica test; PostgreSQL, for the class store's tests (they start
#      their own server, as the postgres user when run as root); and a CJK font: without
#      one, Chromium draws Chinese as boxes;
#   5. python -m pytest.
# System packages need root: run it as root, or as a user who may use sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
"$PYTHON" tools/check_python.py
"$PYTHON" -m pip install -q -r requirements-dev.txt

# Debian installs nginx in /usr/sbin, which is not on an ordinary user's PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "tools/test.sh: installing $* needs root: run this as root or with sudo available." >&2
    exit 1
  fi
}

debian_like=0 ubuntu_like=0
if [ -r /etc/os-release ]; then
  # shellcheck disable=SC1091
  . /etc/os-release
  case " ${ID:-} ${ID_LIKE:-} " in *" ubuntu "*) ubuntu_like=1 ;; *" debian "*) debian_like=1 ;; esac
fi
has_apt=0
command -v apt-get >/dev/null 2>&1 && has_apt=1

packages=()
# On Debian, the headless shell (half the browser's CPU per page load; tests/servers.py
# prefers it) and the full chromium beside it (tools/screenshots.py, a look by hand).
if [ "$has_apt" = 1 ] && [ "$debian_like" = 1 ]; then
  command -v chromium-headless-shell >/dev/null 2>&1 || packages+=(chromium-headless-shell)
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
elif ! "$PYTHON" -c 'import sys; from tests.servers import CHROMIUM; sys.exit(CHROMIUM is None)'; then
  if [ "$has_apt" = 1 ]; then
    # --with-deps: the libraries Playwright's Chromium needs, through apt (it asks for sudo itself).
    "$PYTHON" -m playwright install --with-deps chromium
  else
    "$PYTHON" -m playwright install chromium
  fi
fi
if ! command -v nginx >/dev/null 2>&1; then
  if [ "$has_apt" = 1 ]; then
    packages+=(nginx)
  elif command -v brew >/dev/null 2>&1; then
    brew install nginx
  else
    echo "tools/test.sh: the two-replica test needs nginx: install it, then run this again." >&2
    exit 1
  fi
fi
# Looked for as tests/pg_server.py does ($PG_BIN, /usr/lib/postgresql/N/bin, initdb on the PATH).
if ! "$PYTHON" -c 'import sys; from tests.pg_server import find_bindir; sys.exit(find_bindir() is None)'; then
  if [ "$has_apt" = 1 ]; then
    packages+=(postgresql)
  elif command -v brew >/dev/null 2>&1; then
    brew install postgresql@15
  else
    echo "tools/test.sh: the class store's tests need PostgreSQL: install it, then run this again." >&2
    exit 1
  fi
fi
# macOS ships Chinese fonts; a Linux container often has none (fc-list :lang=zh is empty).
if [ "$has_apt" = 1 ] && [ -z "$(fc-list :lang=zh family 2>/dev/null || true)" ]; then
  packages+=(fonts-noto-cjk)
fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "tools/test.sh: installing ${packages[*]} with apt-get" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

# pytest exits 5 when it collected no test, and non-zero on any failure: both end CI red.
exec "$PYTHON" -m pytest "$@"
