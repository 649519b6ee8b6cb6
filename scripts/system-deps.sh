#!/usr/bin/env bash
# Installs what the tests need beyond Python packages: Debian's chromium (browser tests) and
# postgresql (store tests on a real server). Needs root and apt; otherwise it says which tests
# will be skipped and why.
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
pg_found=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && pg_found="$d"; done
command -v pg_ctl >/dev/null 2>&1 && pg_found="yes"
[ -n "$pg_found" ] || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "system-deps: apt-get failed for ${missing[*]}; the tests that need them will be skipped" >&2
else
  for m in "${missing[@]}"; do
    case $m in
      chromium) echo "system-deps: /usr/bin/chromium missing and not root with apt: browser tests will be SKIPPED (install Debian's chromium)" >&2 ;;
      postgresql) echo "system-deps: PostgreSQL missing and not root with apt: PostgreSQL store tests will be SKIPPED (install postgresql)" >&2 ;;
    esac
  done
fi
exit 0
