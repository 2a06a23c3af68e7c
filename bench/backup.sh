#!/usr/bin/env bash
# Backup benchmark (issue 9): `beredskap backup create` of a database with
# 100,000 incidents against `sqlite3 .backup` of the same file piped through
# gzip, in one run: wall time, peak RSS and size. Figures go to
# bench/results/backup-<timestamp>.txt. BENCH_BIN=.build/debug uses a debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${BENCH_INCIDENTS:-100000}"
if [ -z "${BENCH_BIN:-}" ]; then
  [ -n "${BENCH_SKIP_BUILD:-}" ] || swift build -c release --product beredskap >/dev/null
  BIN="$(swift build -c release --show-bin-path)"
else
  BIN="$BENCH_BIN"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
DB="sqlite://$tmp/data/bench.sqlite"
out="bench/results/backup-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p bench/results
export BEREDSKAP_DATA_KEY="QkVOQ0gtQkVOQ0gtQkVOQ0gtQkVOQ0gtQkVOQ0gtMzI="
echo "et langt passord for bench" | "$BIN/beredskap" user add --email bench@example.invalid --name Bench \
  --role admin --password-stdin --database "$DB" >/dev/null
python3 bench/load.py "$tmp/data/bench.sqlite" "$N" >/dev/null

measure() { # prints: seconds peak-RSS-KiB
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err"
  cat "$tmp/time"
}
{
  echo "backup benchmark, $N incidents, $(nproc) cores, binary $BIN"
  echo "database file: $(stat -c %s "$tmp/data/bench.sqlite") bytes"
  read -r c_s c_kb < <(measure "$BIN/beredskap" backup create --out "$tmp/bk" --database "$DB")
  size=$(stat -c %s "$tmp"/bk/*.bkp)
  echo "beredskap backup create (VACUUM INTO, AES-GCM chunks): ${c_s} s, peak RSS $((c_kb / 1024)) MiB, ${size} bytes"
  read -r s_s s_kb < <(measure sh -c "sqlite3 '$tmp/data/bench.sqlite' '.backup $tmp/plain.sqlite' && gzip -c '$tmp/plain.sqlite' > '$tmp/plain.sqlite.gz'")
  echo "sqlite3 .backup | gzip (unencrypted): ${s_s} s, peak RSS $((s_kb / 1024)) MiB, $(stat -c %s "$tmp/plain.sqlite.gz") bytes"
  mkdir -p "$tmp/restored"
  read -r r_s r_kb < <(measure "$BIN/beredskap" backup restore "$tmp"/bk/*.bkp --database "sqlite://$tmp/restored/r.sqlite")
  echo "beredskap backup restore (check every chunk, restore, audit verify): ${r_s} s, peak RSS $((r_kb / 1024)) MiB"
} | tee "$out"
echo "written to $out"
