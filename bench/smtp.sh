#!/usr/bin/env bash
# SMTP benchmark, side by side in one run against one postfix `smtp-sink` on loopback:
#  - postfix's `smtp-source`: 10,000 messages of 3 KB over one reused connection (-d);
#  - Beredskap: 10,000 letters of ~3 KB enqueued in the outbox (SQLite), then
#    `beredskap letters send` (one connection, PIPELINING, every message marked
#    handing_over before its end and recorded sent after), for handover groups 1 and 20.
# Needs postfix's tools (apt-get install postfix; no postfix daemon is started).
# BENCH_MESSAGES, BENCH_SKIP_BUILD=1, BENCH_CONFIG=debug and BENCH_BIN=DIR adjust a run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v smtp-sink >/dev/null || PATH="$PATH:/usr/sbin"
command -v smtp-sink >/dev/null || { echo "smtp-sink missing: apt-get install postfix" >&2; exit 2; }
N="${BENCH_MESSAGES:-10000}"
CONFIG="${BENCH_CONFIG:-release}"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  swift build -c "$CONFIG" --product beredskap >/dev/null
  swift build -c "$CONFIG" --product beredskap-mailbench >/dev/null
fi
BIN="${BENCH_BIN:-$(swift build -c "$CONFIG" --show-bin-path)}"
tmp="$(mktemp -d)"
port="${BENCH_SMTP_PORT:-2625}"
trap 'kill "${sink:-0}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
smtp-sink -u nobody "127.0.0.1:$port" 256 &
sink=$!
sleep 0.5
export BEREDSKAP_DATA_KEY="QkVSRURTS0FQLUUyRS1URVNULURBVEEtS0VZLTMyQiE="
export BEREDSKAP_SMTP_URL="smtp://127.0.0.1:$port?starttls=none"
now() { date +%s.%N; }
rate() { python3 -c "import sys; n,a,b=map(float,sys.argv[1:]); print(f'{n/(b-a):.0f} msg/s ({b-a:.2f} s)')" "$N" "$1" "$2"; }

a=$(now); smtp-source -d -s 1 -m "$N" -l 3000 -f bench@example.invalid -t person@example.invalid "127.0.0.1:$port"; b=$(now)
source_rate=$(rate "$a" "$b")
echo "smtp-source, 1 connection:        $source_rate"
for group in 1 20; do
  db="sqlite://$tmp/outbox-$group.sqlite"
  a=$(now); number=$("$BIN/beredskap-mailbench" --database "$db" --count "$N" --size 3000); b=$(now)
  echo "enqueue $N letters (sealed copies):  $(rate "$a" "$b")"
  a=$(now)
  BEREDSKAP_MAIL_HANDOVER_GROUP=$group "$BIN/beredskap" letters send --incident "$number" --database "$db" 2>/dev/null
  b=$(now)
  echo "beredskap letters send, group $group: $(rate "$a" "$b")"
done
