#!/usr/bin/env bash
# Runs the command line on the bad-input cases of docs/bad-input.md and prints the table: case, exit code,
# stderr lines, the first stderr line (no stack trace may appear without --verbose; nothing may hang).
#
# Usage: scripts/bad-input-matrix.sh [PHOTO.jpg PHOTO.pts OTHER.pts]
#   default: the first two annotated photos of ../shared/eval/photos/lfpw-test (used in place, never copied
#   into the project)
# Needs the built jar (mvn -B -q -DskipTests package -pl examples -am) and python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/examples/target/inverseface.jar"
photos="$root/../shared/eval/photos/lfpw-test"
photo="${1:-$photos/image_0001.jpg}"
pts="${2:-$photos/image_0001.pts}"
other="${3:-$photos/image_0002.pts}"
[[ -f "$jar" ]] || { echo "build the jar first: mvn -B -q -DskipTests package -pl examples -am" >&2; exit 2; }
[[ -f "$photo" && -f "$pts" && -f "$other" ]] || { echo "no photo/landmarks at $photo, $pts, $other" >&2; exit 2; }
model="${INVERSEFACE_MODEL:-$root/../shared/models/ict-face-light}"
[[ -d "$model" ]] || { echo "no face model at $model (set INVERSEFACE_MODEL)" >&2; exit 2; }
export INVERSEFACE_MODEL="$model" # the cases run in a scratch folder, away from the checkout's shared/

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
: > empty.png
head -c 20000 "$photo" > truncated.jpg
echo "this is text" > text.png
python3 - <<'EOF'
import struct, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
ihdr = struct.pack(">IIBBBBB", 40000, 40000, 8, 2, 0, 0, 0)
open("huge.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))
EOF
head -n 70 "$pts" | grep -v '^}' > short.pts; echo "}" >> short.pts
awk 'NR==9 {print "NaN " $2; next} {print}' "$pts" > nan.pts
awk 'NR==34 {print $1+2000 " " $2; next} {print}' "$pts" > outside.pts
touch afile
mkdir -p batch-in && cp "$photo" batch-in/photo.jpg && cp huge.png batch-in/huge.png

run() { # name, then the command line arguments
  local name="$1"; shift
  local code=0
  timeout 600 java -Xmx4g -jar "$jar" "$@" > out.txt 2> err.txt || code=$?
  local lines first
  lines=$(grep -c '' err.txt || true)
  first=$(grep -v '^\[' err.txt | grep -v '^batch ' | head -n 1 | sed 's/|/\\|/g' || true)
  # A batch's outcome is its summary line (stderr holds the progress bar).
  if grep -q ' images: ' out.txt; then first="$(grep ' images: ' out.txt | head -n 1)"; fi
  [[ -n "$first" ]] || first="$(grep -E 'WARN|ERROR' err.txt | head -n 1 | sed 's/^\[[^]]*\] //; s/|/\\|/g')"
  [[ -n "$first" ]] || first="$(tail -n 1 out.txt | sed 's/|/\\|/g')"
  if grep -qE '^\s+at [a-z]' err.txt; then first="STACK TRACE: $first"; fi
  printf '| %s | %d | %d | %s |\n' "$name" "$code" "$lines" "${first//$work\//}"
}

echo "| case | exit | lines | message |"
echo "|---|---:|---:|---|"
r="reconstruct"
run "empty file" $r empty.png --landmarks "$pts" -o o1 --no-detail
run "truncated JPEG" $r truncated.jpg --landmarks "$pts" -o o2 --no-detail
run "text named .png" $r text.png --landmarks "$pts" -o o3 --no-detail
run "PNG header of 40000×40000" $r huge.png --landmarks "$pts" -o o4 --no-detail
run "a real photo over --max-megapixels 0.05" $r "$photo" --max-megapixels 0.05 --landmarks "$pts" -o o5 --no-detail
run "missing file" $r nothere.jpg --landmarks "$pts" -o o6 --no-detail
run "a directory as the photo" $r /tmp --landmarks "$pts" -o o7 --no-detail
run "67 landmarks" $r "$photo" --landmarks short.pts -o o8 --no-detail
run "NaN landmark" $r "$photo" --landmarks nan.pts -o o9 --no-detail
run "landmark 2000 px outside" $r "$photo" --landmarks outside.pts -o o10 --no-detail
run "output folder not writable (/proc)" $r "$photo" --landmarks "$pts" -o /proc/inverseface --no-detail
run "output is a file" $r "$photo" --landmarks "$pts" -o afile --no-detail
run "landmarks of another photo (fits, warns)" $r "$photo" --landmarks "$other" -o o13 --no-detail
run "batch: a 40000² header beside a photo" batch -i batch-in -o b1 -t 1 --quick
run "batch again: the failure is kept" batch -i batch-in -o b1 -t 1 --quick
run "batch --retry-failed" batch -i batch-in -o b1 -t 1 --quick --retry-failed
run "batch --max-megapixels 0.05 (photo over it)" batch -i batch-in -o b2 -t 1 --quick --max-megapixels 0.05
run "batch --max-megapixels 0.05 --downscale" batch -i batch-in -o b2 -t 1 --quick --max-megapixels 0.05 --downscale
run "unknown --detector" $r "$photo" --detector dlib -o o14 --no-detail
run "--face 3 on a photo of one face" $r "$photo" --face 3 -o o15 --no-detail
run "unreadable --face" $r "$photo" --face biggest -o o16 --no-detail
run "--landmarks for 1 of 2 photos" $r "$photo" --landmarks "$pts" "$photo" -o o17 --no-detail
