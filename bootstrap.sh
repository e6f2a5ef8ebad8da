#!/usr/bin/env bash
# Set up Parley in a project venv (every version pinned by requirements.lock, which
# scripts/lock.sh generates from pyproject.toml), then start the app or run the tests:
#
#     bash bootstrap.sh app [ARGS...]     the app, on the bundled default scenario
#     bash bootstrap.sh test [ARGS...]    the whole test suite (arguments go to pytest)
#     bash bootstrap.sh bench             the benchmarks
#
# It installs nothing outside the project folder. When something the system must provide
# is missing (Python 3.11, its venv module, Qt's libraries), it names it and prints the
# apt-get line that fixes it, then stops.
set -euo pipefail
cd "$(dirname "$0")"

what=${1:-}
[ $# -gt 0 ] && shift
case "$what" in
  app|test|bench) ;;
  *) echo "usage: bash bootstrap.sh app|test|bench [ARGS...]" >&2; exit 2 ;;
esac

python=${PARLEY_PYTHON:-python3.11}
if ! command -v "$python" >/dev/null 2>&1; then
  echo "Parley needs Python 3.11, and '$python' was not found." >&2
  echo "Fix: sudo apt-get install -y python3.11 python3.11-venv" >&2
  exit 1
fi
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "Python's venv module is missing." >&2
  echo "Fix: sudo apt-get install -y python3.11-venv" >&2
  exit 1
fi

# Qt's system libraries: library file -> the Debian package that provides it.
missing=()
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
if [ -x "$ldconfig" ]; then
  libs=$("$ldconfig" -p 2>/dev/null || true)
  for pair in libEGL.so.1:libegl1 libGL.so.1:libgl1 libX11.so.6:libx11-6 \
              libdbus-1.so.3:libdbus-1-3 libfontconfig.so.1:libfontconfig1 \
              libfreetype.so.6:libfreetype6 libglib-2.0.so.0:libglib2.0-0 \
              libxkbcommon.so.0:libxkbcommon0; do
    grep -q "${pair%%:*} " <<<"$libs" || missing+=("${pair##*:}")
  done
fi
if [ -z "$(find /usr/share/fonts /usr/local/share/fonts -type f \( -name '*.ttf' -o -name '*.otf' \) 2>/dev/null | head -n 1)" ]; then
  missing+=(fonts-dejavu-core)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Qt needs system libraries that this machine lacks: ${missing[*]}" >&2
  echo "Fix: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

# The venv, made afresh whenever pyproject.toml or the lock changes: the lock pins every
# distribution in it (pip and setuptools too), so two machines get the same venv.
venv=.venv
stamp=$venv/.parley-installed
want=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Setting up $venv (every version pinned by requirements.lock)..." >&2
  "$python" -m venv --clear "$venv"
  pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check)
  "${pip[@]}" -r requirements.lock
  "${pip[@]}" -c requirements.lock --no-deps -e '.[test]'
  echo "$want" > "$stamp"
fi

case "$what" in
  app)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): run Parley from a" >&2
      echo "desktop session, or under a virtual one: xvfb-run bash bootstrap.sh app" >&2
      exit 1
    fi
    exec "$venv/bin/python" main.py "$@" ;;
  test)
    exec "$venv/bin/python" -m pytest "$@" ;;
  bench)
    exec "$venv/bin/python" -m benchmarks "$@" ;;
esac
