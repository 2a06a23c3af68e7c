#!/usr/bin/env bash
# SMTP benchmark, side by side in one run against one postfix `smtp-sink` on loopback:
#  - postfix's `smtp-source`: 10,000 messages of 3 KB over one reused connection (-d);
#  - Beredskap: 10,000 letters of ~3 KB enqueued in the outbox (SQLite), then
#    `beredskap letters send` (one connection, PIPELINING across messages, each group marked
#    handing_over in one commit before any of it is written and recorded after), with the
#    default handover group (50) and with BEREDSKAP_MAIL_HANDOVER_GROUP=1.
# Prints wall time, rate, CPU time (user+sys) of the sending process and the ratios to
# smtp-source, with the load average (the machine is shared).
# Needs postfix's tools (apt-get install postfix; no postfix daemon is started).
# BENCH_MESSAGES, BENCH_SKIP_BUILD=1, BENCH_CONFIG=debug, BENCH_BIN=DIR and BENCH_GROUPS adjust a run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v smtp-sink >/dev/null || PATH="$PATH:/usr/sbin"
command -v smtp-sink >/dev/null || { echo "smtp-sink missing: apt-get install postfix" >&2; exit 2; }
N="${BENCH_MESSAGES:-10000}"
CONFIG="${BENCH_CONFIG:-release}"
GROUPS_TO_RUN="${BENCH_GROUPS:-default 1}"
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
# Runs a command, leaving "wall cpu" (seconds) in $tmp/time.
timed() { /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@"; }
figures() { read -r wall user sys <"$tmp/time"; cpu=$(python3 -c "print(f'{$user+$sys:.2f}')"); }
load() { cut -d' ' -f1 /proc/loadavg; }

timed smtp-source -d -s 1 -m "$N" -l 3000 -f bench@example.invalid -t person@example.invalid "127.0.0.1:$port"
figures
source_wall=$wall source_cpu=$cpu
printf '%-34s wall %6.2f s  %5.0f msg/s  cpu %5.2f s  load %s\n' "smtp-source, 1 connection" "$wall" \
  "$(python3 -c "print($N/$wall)")" "$cpu" "$(load)"
for group in $GROUPS_TO_RUN; do
  db="sqlite://$tmp/outbox-$group.sqlite"
  timed "$BIN/beredskap-mailbench" --database "$db" --count "$N" --size 3000 >"$tmp/number"
  figures
  printf '%-34s wall %6.2f s  %5.0f msg/s  cpu %5.2f s\n' "enqueue $N letters (sealed)" "$wall" \
    "$(python3 -c "print($N/$wall)")" "$cpu"
  if [ "$group" = default ]; then unset BEREDSKAP_MAIL_HANDOVER_GROUP; else export BEREDSKAP_MAIL_HANDOVER_GROUP=$group; fi
  a=$(load)
  timed "$BIN/beredskap" letters send --incident "$(cat "$tmp/number")" --database "$db" >/dev/null 2>&1
  figures
  printf '%-34s wall %6.2f s  %5.0f msg/s  cpu %5.2f s  load %s  rate %.2fx smtp-source  cpu %.1fx\n' \
    "letters send, group $group" "$wall" "$(python3 -c "print($N/$wall)")" "$cpu" "$a" \
    "$(python3 -c "print($source_wall/$wall)")" "$(python3 -c "print($cpu/max($source_cpu,0.01))")"
done
