#!/usr/bin/env bash
# Set up and run every test: installs Debian's chromium (browser tests), LibreOffice Calc
# (a second, independent reader of the workbooks we write) and nginx (the replicas test) when
# it can, the Python packages, then runs pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
# nginx: tests/e2e/test_load_proxy.py starts deploy/nginx.conf in front of two app replicas
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages..."
  as_root apt-get update -qq || true
  for package in "${missing[@]}"; do
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null \
      || echo "Could not install $package: the tests that need it will be skipped (or fail in CI for chromium)." >&2
  done
fi

python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
python -m pytest "$@"
