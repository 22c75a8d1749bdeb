#!/usr/bin/env bash
# Requests per second of the demo top page for docomo (Shift_JIS) against pc (UTF-8), same server,
# same run, release build. Needs wrk (apt-get install wrk). Usage: tools/bench-http.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
port=18080
dir=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT

cargo build --release -q
HIROBA_DATABASE_URL="$dir/bench.db" HIROBA_BIND="127.0.0.1:$port" RUST_LOG=warn \
  ./target/release/hiroba demo >/dev/null 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done

docomo='DoCoMo/2.0 P07A3(c500;TB;W24H15)'
pc='Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36'
run() { wrk -t1 -c16 -d"${seconds}s" -H "User-Agent: $2" "http://127.0.0.1:$port/" | awk -v n="$1" '/Requests\/sec/ {print n, $2}'; }
echo "bytes docomo: $(curl -s -A "$docomo" "http://127.0.0.1:$port/" | wc -c)  pc: $(curl -s -A "$pc" "http://127.0.0.1:$port/" | wc -c)"
# Alternate so that both see the same machine state.
for round in 1 2; do run "docomo#$round" "$docomo"; run "pc#$round" "$pc"; done
