#!/usr/bin/env bash
# Regenerate requirements.lock from pyproject.toml (and requirements-tools.in) with the
# pinned uv, in a throwaway venv. Run after changing a dependency; commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.8
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3.11 -m venv "$tools"
"$tools/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
"$tools/bin/uv" pip compile pyproject.toml requirements-tools.in --extra test --universal \
  --python-version 3.11 --no-annotate -o requirements.lock \
  --custom-compile-command "bash scripts/lock.sh  (uv==$UV_VERSION pip compile pyproject.toml requirements-tools.in --extra test --universal --python-version 3.11)"
