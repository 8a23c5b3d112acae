#!/usr/bin/env bash
# Builds the same amount of text with journeymap and with Hugo, for W1k (1000 journeys and
# 1000 notes) and W10k (10000 and 10000), and prints both times, their ratio and
# journeymap's peak memory; for W1k also how soon `journeymap serve` serves an edited journey.
# Installs what it needs (Debian's hugo, hyperfine and time). journeymap is built with the
# `dist` profile (fat LTO), as shipped binaries are.
#
#   bash bench/compare.sh            # W1k and W10k
#   SIZES="1000" bash bench/compare.sh   # W1k only
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build --profile dist --quiet --bin journeymap --example corpus --example serve_latency
jm="$PWD/target/dist/journeymap"
work="${BENCH_DIR:-$PWD/target/bench}"
mkdir -p "$work"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(hugo version | cut -d' ' -f1-2), journeymap $($jm --version | cut -d' ' -f2)"
for n in ${SIZES:-1000 10000}; do
  corpus="$work/w$n"
  ./target/dist/examples/corpus "$corpus" "$n" "$n" >/dev/null
  "$jm" build --root "$corpus/journeymap" >/dev/null
  (cd "$corpus/hugo" && hugo --quiet >/dev/null)
  runs=$([ "$n" -ge 10000 ] && echo 3 || echo 5)
  hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/w$n.json" \
    -n journeymap "$jm build --root $corpus/journeymap" \
    -n hugo "cd $corpus/hugo && hugo --quiet" >/dev/null
  mem=$(/usr/bin/time -v "$jm" build --root "$corpus/journeymap" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}')
  python3 - "$work/w$n.json" "$n" "$mem" <<'PY'
import json, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
jm, hugo = runs["journeymap"]["mean"], runs["hugo"]["mean"]
n = int(sys.argv[2])
name = f"W{n // 1000}k"
print(f"{name}: journeymap {jm:.2f} s, hugo {hugo:.2f} s, ratio {jm / hugo:.2f}, journeymap peak memory {sys.argv[3]} MB")
PY
  if [ "$n" -eq 1000 ]; then
    echo "W1k serve, an edited journey:"
    ./target/dist/examples/serve_latency "$corpus/journeymap" 15 | sed 's/^/  /'
  fi
done
