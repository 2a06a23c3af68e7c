#!/usr/bin/env bash
# Installs what the test suites need and is missing: Debian's chromium,
# chromium-driver, postgresql, sqlite3, wrk and openssl, and the Python packages in
# requirements-test.txt. Idempotent; quiet when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
command -v wrk >/dev/null || need_apt+=(wrk)
# The mail tests make a test certificate with openssl (postfix, for bench/smtp.sh only, is not installed here).
command -v openssl >/dev/null || need_apt+=(openssl)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing: ${need_apt[*]} (install them with apt-get as root)" >&2
    exit 1
  fi
  echo "installing ${need_apt[*]} (Debian packages)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${need_apt[@]}" >&2
fi

if ! python3 -c "import pytest, selenium, axe_selenium_python, schemathesis, aiosmtpd" 2>/dev/null; then
  echo "installing Python test packages…" >&2
  python3 -m pip install -q -r requirements-test.txt >&2
fi
# axe-selenium-python bundles axe-core 3.1, which predates the WCAG 2.1 rules;
# this package carries axe-core 4.x as a plain file (its Playwright part is not used).
if ! python3 -c "import axe_playwright_python" 2>/dev/null; then
  python3 -m pip install -q --no-deps "axe-playwright-python>=0.1.8" >&2
fi
