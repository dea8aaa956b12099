#!/usr/bin/env bash
# Runs on the GPU machine from the repository root with .gpu/ (scripts/gpu-bundle.sh) carried: reports
# the driver and the CUDA libraries present, runs every CUDA test (CUDA against the CPU) and the
# device-resident benchmarks (CPU vs CUDA in one run), and leaves the logs in $OUT (or .gpu/out).
set -uo pipefail
cd "$(dirname "$0")/.."
B=.gpu
OUT=${OUT:-$B/out}
mkdir -p "$OUT"
exec > >(tee "$OUT/gpu-check.log") 2>&1
echo "== machine"; date -u; nvidia-smi || true; nproc
echo "== CUDA libraries seen by the loader (JCuda 12.6: libcuda.so.1 required; libnvrtc.so.12, libcublas.so.12 optional)"
ldconfig -p | grep -E 'libcuda\.so|libnvrtc|libcublas' || true
command -v nvcc && nvcc --version | tail -2
tar -C "$B" -xJf "$B/jre.txz" && tar -C "$B" -xJf "$B/model.txz"
JAVA=$B/jre/bin/java
export INVERSEFACE_MODEL=$PWD/$B/ict-face-light
$JAVA -version
echo "== CUDA tests"
CP="$B/inverseface.jar:$B/tests/compute:$B/tests/render:$B/tests/optim:$B/tests/core:$B/tests/assertj.jar:$B/tests/byte-buddy.jar"
$JAVA -jar "$B/tests/junit-console.jar" execute --disable-banner --details=summary --include-engine=junit-jupiter --class-path "$CP" \
    --include-classname '.*(Cuda|OpenCl).*' --select-package io.inverseface \
    --reports-dir "$OUT/junit" 2>&1 | grep -v '^\[main\] INFO' | tail -60
echo "== coarse fit, CPU vs CUDA (sample photo)"
$JAVA -cp "$B/inverseface.jar" io.inverseface.benchmarks.core.DeviceCoarseFitBenchmark 20 CPU,CUDA 2>&1 | grep -v ' INFO '
echo "== normal equations (JMH, short)"
$JAVA -jar "$B/inverseface.jar" NormalEquationsBenchmark -p backend=CPU,CUDA -f 1 -wi 2 -i 3 -w 1 -r 1 2>&1 | tail -15
