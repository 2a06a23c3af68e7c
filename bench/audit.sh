#!/usr/bin/env bash
# `audit verify` at scale (make bench): a release build checks 1,000,000 sealed
# entries in a SQLite file; openssl hashes the same canonical bytes in the same
# run. Reports wall time, peak RSS (/usr/bin/time -v) and the rate ratio.
# BENCH_AUDIT_ENTRIES changes the count, BENCH_AUDIT_RUNS the measured pairs (3);
# BEREDSKAP_RELEASE_BIN uses a built binary.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${BENCH_AUDIT_ENTRIES:-1000000}"
if [ -n "${BEREDSKAP_RELEASE_BIN:-}" ]; then
  BIN="$BEREDSKAP_RELEASE_BIN"
else
  swift build -c release --product beredskap >/dev/null
  BIN="$(swift build -c release --show-bin-path)/beredskap"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export BEREDSKAP_DATA_KEY="QkVSRURTS0FQLUJFTkNILURBVEEtS0VZLTMyLUJZVEU="
DB="sqlite://$tmp/data/audit.sqlite"
out="bench/results/audit-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p bench/results

"$BIN" audit verify --database "$DB" >/dev/null  # creates and migrates the file
python3 bench/make_audit.py "$tmp/data/audit.sqlite" "$N" "$BEREDSKAP_DATA_KEY" "$tmp/canonical.bin"
bytes="$(stat -c %s "$tmp/canonical.bin")"

measure() { # label, command...
  local log="$tmp/time.txt"
  /usr/bin/time -v "${@:2}" >"$tmp/stdout.txt" 2>"$log"
  local wall rss cpu
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
  cpu="$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")"
  # m:ss.cc → seconds
  local secs
  secs="$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')"
  echo "$1 $secs $rss $cpu"
}

runs="${BENCH_AUDIT_RUNS:-3}"
{
  echo "audit verify benchmark $(date -u +%FT%TZ) on $(nproc) cores; release build, SQLite"
  echo "entries: $N; canonical bytes hashed: $bytes ($((bytes / 1000000)) MB); $runs runs, each openssl then beredskap"
  for run in $(seq 1 "$runs"); do
    echo "run $run, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    read -r _ ossl_s ossl_kb ossl_cpu < <(measure openssl openssl dgst -sha256 "$tmp/canonical.bin")
    read -r _ bk_s bk_kb bk_cpu < <(measure beredskap "$BIN" audit verify --database "$DB")
    result="$(cat "$tmp/stdout.txt")"
    # CPU is user + system time: audit verify reads and checks ranges on every core, openssl uses one.
    echo "  beredskap audit verify: ${bk_s} s (CPU ${bk_cpu} s), peak RSS $((bk_kb / 1024)) MiB  ($result)"
    echo "  openssl dgst -sha256:   ${ossl_s} s (CPU ${ossl_cpu} s), peak RSS $((ossl_kb / 1024)) MiB"
    awk -v b="$bk_s" -v o="$ossl_s" -v bc="$bk_cpu" -v oc="$ossl_cpu" -v n="$N" -v by="$bytes" 'BEGIN {
      printf "  rates: beredskap %.0f MB/s (%.0f entries/s), openssl %.0f MB/s\n", by / b / 1e6, n / b, by / o / 1e6;
      printf "  ratio (beredskap rate / openssl rate): wall %.2fx, CPU %.2fx  (goal >= 0.5x; RSS goal <= 100 MB)\n", o / b, oc / bc }'
  done
} | tee "$out"
echo "written to $out"
