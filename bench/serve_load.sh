#!/usr/bin/env bash
# 200 concurrent connections against `interdoc serve` on loopback while the
# served topic is edited (and rebuilt) every 300 ms. Needs wrk
# (apt-get install wrk) and a release build. Prints wrk's figures and the
# count of failed or truncated responses, which must be 0.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/interdoc
site=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$site"' EXIT
cp -r content samples "$site"/
log="$site/serve.log"
"$bin" serve --skip-samples --port 0 --root "$site" 2>"$log" &
server=$!
for _ in $(seq 600); do grep -q ' at http://' "$log" && break; sleep 0.1; done
port=$(sed -n 's/.* at http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$log" | head -1)
page=en/interop/callbacks.html
topic="$site/content/en/interop/callbacks.md"

( for i in $(seq 40); do printf '\n\nLoad test edit %d.\n' "$i" >>"$topic"; sleep 0.3; done ) &
editor=$!
wrk -t 2 -c 200 -d 12s -s bench/serve_load.lua "http://127.0.0.1:$port/$page"
wait "$editor"
echo "rebuilds during the run: $(grep -c '^rebuilt in' "$log")"
