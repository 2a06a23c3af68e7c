#!/usr/bin/env bash
# Benchmarks (make bench): a release build in production mode on loopback.
#  - 100,000 incidents; wrk against the dashboard (signed in) and GET /api/v1/incidents
#  - p50/p99 latency and requests/s, RSS idle and under load
#  - assessments per second of the breach engine
# Figures go to bench/results/<timestamp>.txt. Bounded: each wrk run is 15 s.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || scripts/ensure-test-deps.sh
N="${BENCH_INCIDENTS:-100000}"
DURATION="${BENCH_SECONDS:-15}"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  swift build -c release --product beredskap >/dev/null
  swift build -c release --product beredskap-bench >/dev/null
fi
BIN="$(swift build -c release --show-bin-path)"
tmp="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
DB="sqlite://$tmp/bench.sqlite"
port=18099
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p bench/results

echo "et langt passord for bench" | "$BIN/beredskap" user add --email bench@example.invalid --name Bench --role admin --password-stdin --database "$DB" >/dev/null
token="$("$BIN/beredskap" token create --email bench@example.invalid --database "$DB")"
python3 bench/load.py "$tmp/bench.sqlite" "$N"

BEREDSKAP_ENV=production DATABASE_URL="$DB" "$BIN/beredskap" serve --port "$port" >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
hwm() { awk '/VmHWM/ {print $2}' "/proc/$pid/status"; }

# Sign in through the real form to get a session cookie.
jar="$tmp/cookies"
csrf="$(curl -s -c "$jar" "http://127.0.0.1:$port/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)"
curl -s -b "$jar" -c "$jar" -o /dev/null -X POST "http://127.0.0.1:$port/login" \
  --data-urlencode "_csrf=$csrf" --data-urlencode "email=bench@example.invalid" --data-urlencode "password=et langt passord for bench"
cookie="beredskap_session=$(awk '$6 == "beredskap_session" {print $7}' "$jar")"
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/" | grep -q "Åpne hendelser" || { echo "dashboard not reachable"; exit 1; }
for _ in 1 2 3; do curl -s -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$port/"; done
idle="$(rss)"

run_wrk() { # name, header, url
  local res
  res="$(wrk -t2 -c32 -d"${DURATION}s" --latency -H "$2" "$3")"
  local p50 p99 rps errors
  p50="$(echo "$res" | awk '$1 == "50%" {print $2}')"
  p99="$(echo "$res" | awk '$1 == "99%" {print $2}')"
  rps="$(echo "$res" | awk '/Requests\/sec/ {print $2}')"
  errors="$(echo "$res" | awk '/Non-2xx/ {print $NF}')"
  printf '%-28s p50 %-9s p99 %-9s %8s req/s  non-2xx %s\n' "$1" "$p50" "$p99" "$rps" "${errors:-0}"
}

{
  echo "Beredskap benchmark $(date -u +%FT%TZ) on $(nproc) cores; release build, production mode, SQLite"
  echo "incidents: $N (5% open); wrk -t2 -c32 -d${DURATION}s on loopback"
  run_wrk "dashboard (signed in)" "Cookie: $cookie" "http://127.0.0.1:$port/"
  run_wrk "GET /api/v1/incidents" "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/incidents"
  run_wrk "GET /api/v1/incidents deep" "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/incidents?cursor=INC-2026-000500&limit=50"
  echo "RSS idle: $((idle / 1024)) MiB; after load: $(( $(rss) / 1024 )) MiB; peak: $(( $(hwm) / 1024 )) MiB"
  "$BIN/beredskap-bench" 3
} | tee "$out"
echo "written to $out"
