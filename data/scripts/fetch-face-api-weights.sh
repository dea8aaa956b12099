#!/usr/bin/env bash
# Reproduces the face-detection / 68-point landmark weights bundled in
# data/src/main/resources/io/inverseface/data/weights/ from the npm package
# @vladmandic/face-api@1.7.15 (MIT licence), checking every file's sha256.
#
# Usage: data/scripts/fetch-face-api-weights.sh [--check]
#   --check  only verify that the bundled files match the package (no copy)
set -euo pipefail

VERSION=1.7.15
PACKAGE="@vladmandic/face-api@${VERSION}"
TARBALL_SHA256=0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031
SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
TARGET="${SCRIPT_DIR}/../src/main/resources/io/inverseface/data/weights"

# file name -> sha256 of the file as shipped in the package
declare -A SHA256=(
  [LICENSE]=9a3442b79acaf4fbc7c2e07b7e2d8f84af9bb3871bf08a69d80304ab00640e9a
  [tiny_face_detector_model-weights_manifest.json]=5d1af4849ac48d5b985f4a9b16010c512353ddd6fcc63d50fd0bc9e9e64296e5
  [tiny_face_detector_model.bin]=b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871
  [face_landmark_68_model-weights_manifest.json]=ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9
  [face_landmark_68_model.bin]=4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b
  [face_landmark_68_tiny_model-weights_manifest.json]=9a1a5dd19fd814fd5095c3cb58f8e0d3193b8c5b9a6715b30a69d559aea31ad4
  [face_landmark_68_tiny_model.bin]=b98e9f2f7da76f8a6dda9741a36ed485b224b889d552de2b2c1bb16217f67bfc
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
  if [[ "$name" == LICENSE ]]; then src="$work/package/LICENSE"; else src="$work/package/model/$name"; fi
  echo "${SHA256[$name]}  ${src}" | sha256sum --check --quiet
  if $check_mode; then
    echo "${SHA256[$name]}  ${TARGET}/${name}" | sha256sum --check --quiet
  else
    cp "$src" "$TARGET/$name"
  fi
done
if $check_mode; then
  echo "face-api ${VERSION}: package verified; bundled copies in ${TARGET} match"
else
  echo "face-api ${VERSION}: package verified; weights and LICENSE copied to ${TARGET}"
fi
