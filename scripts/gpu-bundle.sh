#!/usr/bin/env bash
# Prepares .gpu/ (git-ignored) for one call of the device tool on a GPU machine that has no Java and no
# Maven cache (nothing can be fetched there): a jlink'd Java 17 runtime, a fat jar of the project without
# the natives no Linux x86-64 machine needs, the test classes and JUnit's console launcher, and the face
# model. Together with the repository they stay under the device tool's 64 MiB. Then, on the GPU machine:
#   scripts/gpu-check.sh        (carry: .gpu)
# Usage: scripts/gpu-bundle.sh   (needs the Maven cache or Maven Central once, and INVERSEFACE_MODEL or ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
B=.gpu
JUNIT_CONSOLE=1.11.4   # the JUnit Platform release of junit-jupiter 5.11.4 (pom.xml)
ASSERTJ=$(sed -n 's:.*<assertj.version>\(.*\)</assertj.version>.*:\1:p' pom.xml)

mvn -B -q install -DskipTests
rm -rf "$B" && mkdir -p "$B/tests"
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude

# Java runtime: the modules the library, the benchmarks and the tests use.
jlink --add-modules java.base,java.desktop,java.logging,java.net.http,java.management,java.naming,java.sql,jdk.unsupported,jdk.crypto.ec \
      --strip-debug --no-header-files --no-man-pages --compress=2 --output "$B/jre"
tar -C "$B" -cJf "$B/jre.txz" jre && rm -rf "$B/jre"

# The fat jar, less the natives of other platforms and JCuda's unused PTX compiler.
cp benchmarks/target/benchmarks.jar "$B/inverseface.jar"
zip -q -d "$B/inverseface.jar" 'lib/libJNvPTXCompiler*' 'lib/*windows*' 'lib/*.dll' 'lib/*apple*' 'lib/*arm64*' \
    'lib/*aarch64*' 'org/jline/nativ/Windows/*' 'org/jline/nativ/Mac/*' 'org/jline/nativ/FreeBSD/*' >/dev/null || true

# Tests: the classes, JUnit's console launcher and AssertJ.
cp -r compute/target/test-classes "$B/tests/compute"
cp -r render/target/test-classes "$B/tests/render"
cp -r optim/target/test-classes "$B/tests/optim"
cp -r core/target/test-classes "$B/tests/core"
fetch() { # group artifact version -> path in the local repository
  local p="$HOME/.m2/repository/${1//.//}/$2/$3/$2-$3.jar"
  [ -f "$p" ] || mvn -B -q dependency:get -Dartifact="$1:$2:$3" -Dtransitive=false >/dev/null
  echo "$p"
}
cp "$(fetch org.junit.platform junit-platform-console-standalone "$JUNIT_CONSOLE")" "$B/tests/junit-console.jar"
cp "$(fetch org.assertj assertj-core "$ASSERTJ")" "$B/tests/assertj.jar"
cp "$(fetch net.bytebuddy byte-buddy "$(ls "$HOME/.m2/repository/net/bytebuddy/byte-buddy" | sort -V | tail -1)")" "$B/tests/byte-buddy.jar"

# The face model (not in the repository; see README "The face model").
MODEL=${INVERSEFACE_MODEL:-../shared/models/ict-face-light}
tar -C "$(dirname "$MODEL")" -cJf "$B/model.txz" "$(basename "$MODEL")"

du -b -c "$B"/* "$B"/tests/* | sort -n | tail -12
echo "tracked files: $(git ls-files -z | xargs -0 du -cb | tail -1 | cut -f1) bytes (the tool's limit: 67108864 together)"
