#!/usr/bin/env bash
# `subjects analyze` against pandas on the same generated CSV, side by side in
# one run (make bench): wall time and peak RSS from /usr/bin/time -v, and the
# figures of both must agree. Then `subjects import` of the same file.
# BENCH_SUBJECTS_ROWS changes the count (default 1,000,000);
# BEREDSKAP_RELEASE_BIN uses a binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${BENCH_SUBJECTS_ROWS:-1000000}"
if [ -n "${BEREDSKAP_RELEASE_BIN:-}" ]; then
  BIN="$BEREDSKAP_RELEASE_BIN"
else
  swift build -c release --product beredskap >/dev/null
  BIN="$(swift build -c release --show-bin-path)/beredskap"
fi
python3 -c "import pandas" 2>/dev/null || python3 -m pip install -q -r requirements-bench.txt >&2
tmp="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
export BEREDSKAP_DATA_KEY="QkVSRURTS0FQLUJFTkNILURBVEEtS0VZLTMyLUJZVEU="
out="bench/results/subjects-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p bench/results
csv="$tmp/subjects.csv"
python3 bench/make_subjects.py "$N" "$csv"

measure() { # label, command...
  local log="$tmp/time.txt"
  /usr/bin/time -v "${@:2}" >"$tmp/$1.out" 2>"$log" || true
  local wall rss secs
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
  secs="$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')"
  echo "$1 $secs $rss"
}

# An incident to import into, made through the API as a user would.
DB="sqlite://$tmp/data/bench.sqlite"
port=18097
echo "et langt passord for bench" | "$BIN" user add --email bench@example.invalid --name Bench --role admin \
  --password-stdin --database "$DB" >/dev/null
token="$("$BIN" token create --email bench@example.invalid --database "$DB")"
BEREDSKAP_ENV=production DATABASE_URL="$DB" "$BIN" serve --port "$port" >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
number="$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"title":"Benchmark","severity":2,"discovered_at":"2026-11-24T10:00:00+01:00","discovered_by":"bench"}' \
  "http://127.0.0.1:$port/api/v1/incidents" | python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])')"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=0

{
  echo "subjects benchmark $(date -u +%FT%TZ) on $(nproc) cores; release build"
  echo "rows: $N; file: $(($(stat -c %s "$csv") / 1000000)) MB"
  read -r _ bk_s bk_kb < <(measure beredskap "$BIN" subjects analyze "$csv" --format json)
  read -r _ pd_s pd_kb < <(measure pandas python3 bench/subjects_pandas.py "$csv")
  echo "beredskap subjects analyze: ${bk_s} s, peak RSS $((bk_kb / 1024)) MiB"
  echo "pandas (same checks and de-duplication): ${pd_s} s, peak RSS $((pd_kb / 1024)) MiB"
  awk -v b="$bk_s" -v p="$pd_s" 'BEGIN { printf "ratio (pandas time / beredskap time): %.1fx  (goal >= 5x; RSS goal <= 200 MB)\n", p / b }'
  python3 - "$tmp/beredskap.out" "$tmp/pandas.out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
keys = ["rows_read", "valid_rows", "invalid_rows", "people", "people_per_category", "without_contact", "without_email"]
same = all(a[k] == b[k] for k in keys)
print("figures agree:" if same else "FIGURES DIFFER:", {k: a[k] for k in keys if k != "people_per_category"})
if not same:
    print("pandas:", {k: b[k] for k in keys})
    sys.exit(1)
PY
  read -r _ im_s im_kb < <(measure import "$BIN" subjects import --incident "$number" "$csv" --database "$DB")
  echo "beredskap subjects import (SQLite, sealed, one transaction): ${im_s} s, peak RSS $((im_kb / 1024)) MiB"
  tail -2 "$tmp/import.out"
} | tee "$out"
echo "written to $out"
