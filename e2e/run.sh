#!/usr/bin/env bash
# The end-to-end suite: builds the example content, the Dutch fixture and a project of many
# journeys (a home page with a table to sort and filter), validates every
# HTML page with the Nu HTML Checker, then opens every page in headless Chromium (console,
# requests, images, axe-core at 1280 and 390 px, phone width, scroll boxes reachable by
# keyboard, print layout) and keeps screenshots and PDFs in
# target/e2e/; renders the exported Mermaid diagrams with the mermaid package
# (e2e/mermaid.mjs); then opens the hostile fixture's pages and SVGs with hooks that fail if any
# script from content runs (e2e/hostile.mjs). Installs what it needs: Debian's chromium and a Java runtime when missing,
# and the npm packages pinned in e2e/package-lock.json.
#
#   bash e2e/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(default-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
(cd e2e && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

cargo build --quiet --bin journeymap
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
jm="$target_dir/debug/journeymap"
out="$target_dir/e2e"
rm -rf "$out"
mkdir -p "$out/sites"
"$jm" build --root . --out "$out/sites/example" >/dev/null
"$jm" build --root tests/fixtures/dutch --out "$out/sites/dutch" >/dev/null
"$jm" build --root tests/fixtures/many-journeys --out "$out/sites/many" >/dev/null

vnu=(java -jar e2e/node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html)
echo "Nu HTML Checker:"
"${vnu[@]}" "$out/sites"
echo "  every page is valid HTML"
node e2e/check.mjs "$out" "$out/sites/example" "$out/sites/dutch" "$out/sites/many"

# The exported Mermaid diagrams render with the mermaid package, and a broken one fails.
node e2e/mermaid.mjs "$out/sites/example"
node e2e/mermaid.mjs "$out/sites/dutch"
printf 'flowchart\n  a -->\n' >"$out/broken.mmd"
if node e2e/mermaid.mjs "$out/sites/example" "$out/broken.mmd" >"$out/broken-mermaid.txt" 2>&1; then
  echo "the Mermaid check passed a broken diagram" >&2
  exit 1
fi
echo "a broken diagram fails the Mermaid check, as it should"

# The hostile fixture: no script from content may run in any page or SVG, and the check
# must catch one that does.
"$jm" build --root tests/fixtures/script-injection --out "$out/hostile" >/dev/null
node e2e/hostile.mjs "$out/hostile" tests/fixtures/script-injection/content
mkdir -p "$out/hostile-broken"
printf '<!DOCTYPE html><title>x</title><img src=x onerror="window.__jm_pwned=1"><p onclick="alert(1)">x</p><script>alert(2)</script>\n' >"$out/hostile-broken/index.html"
if node e2e/hostile.mjs "$out/hostile-broken" >"$out/hostile-broken.txt" 2>&1; then
  echo "the hostile check passed a page that runs a script" >&2
  exit 1
fi
for expected in 'alert(2) ran' '__jm_pwned' 'a script ran' '<p onclick>'; do
  grep -qF "$expected" "$out/hostile-broken.txt" || { echo "the hostile check did not report: $expected" >&2; exit 1; }
done
echo "a page that runs a script fails the hostile check, as it should"

# The suite must fail on a page broken on purpose (see e2e/broken-theme/README.md).
broken="$out/broken-project"
cp -r tests/fixtures/valid-minimal "$broken"
mkdir -p "$broken/themes"
cp -r e2e/broken-theme "$broken/themes/broken"
printf 'title: Broken on purpose\ntheme: broken\n' >"$broken/content/site.yaml"
"$jm" build --root "$broken" --out "$out/sites-broken/broken" >/dev/null
if "${vnu[@]}" "$out/sites-broken" >"$out/broken-vnu.txt" 2>&1; then
  echo "the Nu HTML Checker passed a page broken on purpose" >&2
  exit 1
fi
if node e2e/check.mjs "$out/broken-report" "$out/sites-broken/broken" >"$out/broken-browser.txt" 2>&1; then
  echo "the browser checks passed a page broken on purpose" >&2
  exit 1
fi
for expected in 'No “p” element in scope' 'must have an “alt” attribute'; do
  grep -qF "$expected" "$out/broken-vnu.txt" || { echo "the Nu HTML Checker did not report: $expected" >&2; exit 1; }
done
for expected in 'axe critical image-alt' 'failed request' 'wider than a 390 px phone' \
  'is not reachable by keyboard at 390 px' 'has no accessible name at 1280 px'; do
  grep -qF "$expected" "$out/broken-browser.txt" || { echo "the browser checks did not report: $expected" >&2; exit 1; }
done
echo "a page broken on purpose fails both checkers, as it should (reports in $out/broken-*.txt)"
