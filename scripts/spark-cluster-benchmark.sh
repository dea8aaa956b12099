#!/usr/bin/env bash
# Throughput of the Spark job on a standalone cluster on this machine (a master and 1 or 2 one-core
# workers on loopback, started from the Spark jars Maven resolved, laid out as an installed Spark's
# jars/ directory), against `inverseface batch` on the same photos. Each run is timed whole, JVM starts
# and model loads included, as a user meets it; the cluster's own start is not counted.
#
# Usage: [KEEP=1] scripts/spark-cluster-benchmark.sh [PHOTOS] [FIT]   (default 48 copies of the sample, FIT "full" or "quick")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-48}"
fit="${2:-full}"
quick=(); [[ "$fit" == quick ]] && quick=(--quick)
work="$(mktemp -d /tmp/spark-cluster-benchmark.XXXXXX)"
pids=()
# KEEP=1 keeps the scratch directory (logs, outputs, manifests) for a look afterwards.
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; [[ -n "${KEEP:-}" ]] && echo "kept $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT

cd "$root"
strip() { sed 's/\x1b\[[0-9;]*m//g'; }
echo "building the cluster jar and the CLI ..." >&2
mvn -B -q -DskipTests package -pl batch,examples -am 2>&1 | strip >&2
mvn -B -q -pl batch dependency:build-classpath -DincludeScope=compile -DexcludeArtifactIds=slf4j-simple \
    -Dmdep.outputFile="$work/classpath.txt" 2>&1 | strip >&2
app="$(ls batch/target/inverseface-batch-*-cluster.jar)"
# A stand-in Spark installation: SPARK_HOME/jars holds Spark and Hadoop (every dependency but ours).
mkdir -p "$work/spark/jars" "$work/spark/conf"
tr ':' '\n' < "$work/classpath.txt" | grep -v '/io/inverseface/' | while read -r j; do ln -s "$j" "$work/spark/jars/"; done
cat > "$work/spark/conf/log4j2.properties" <<'LOG'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5level %c{1}: %msg%n
LOG
export SPARK_HOME="$work/spark" SPARK_CONF_DIR="$work/spark/conf" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
opens="$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' batch/pom.xml)"
spark_java=(java $opens -Dlog4j2.configurationFile="$work/spark/conf/log4j2.properties" -cp "$work/spark/jars/*")

mkdir -p "$work/photos"
for i in $(seq -w 1 "$count"); do cp data/src/main/resources/io/inverseface/data/samples/astronaut.png "$work/photos/p$i.png"; done
model="${INVERSEFACE_MODEL:-$(cd "$root/.." && pwd)/shared/models/ict-face-light}"
echo "$count photos (copies of the 512x512 sample), $fit fit, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Runs a command with its output in LOG; prints its wall seconds.
timed() { local log="$1"; shift; local t0; t0=$(date +%s.%N); "$@" > "$log" 2>&1 || echo "failed: $(tail -3 "$log")" >&2; echo "$(date +%s.%N) - $t0" | bc; }

for threads in 1 2; do
  s=$(timed "$work/local-$threads.log" ./inverseface batch --input "$work/photos" --output "$work/local-$threads" \
      --threads "$threads" "${quick[@]}" --backend CPU)
  printf 'local batch, %d thread(s)      : %6.1f s  %.3f photos/s  (%s)\n' "$threads" "$s" "$(echo "$count / $s" | bc -l)" \
      "$(grep -c '"status":"ok"' "$work/local-$threads/manifest.jsonl") ok"
done

for workers in 1 2; do
  mport=$((17000 + RANDOM % 1000))
  "${spark_java[@]}" -Xmx160m org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$mport" --webui-port 0 \
      > "$work/master-$workers.log" 2>&1 & pids+=($!)
  sleep 3
  for w in $(seq 1 "$workers"); do
    mkdir -p "$work/work-$workers-$w"
    "${spark_java[@]}" -Xmx160m org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 3g \
        --work-dir "$work/work-$workers-$w" --webui-port 0 "spark://127.0.0.1:$mport" > "$work/worker-$workers-$w.log" 2>&1 & pids+=($!)
  done
  sleep 8
  s=$(timed "$work/spark-$workers.log" "${spark_java[@]}" -Xmx1g org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$mport" \
      --deploy-mode client --class io.inverseface.batch.SparkReconstructionJob \
      --executor-cores 1 --executor-memory 2g --total-executor-cores "$workers" \
      --conf spark.executorEnv.INVERSEFACE_MODEL="$model" \
      --conf spark.executor.extraJavaOptions=-Dlog4j2.configurationFile="$work/spark/conf/log4j2.properties" \
      --conf spark.ui.enabled=false "$app" \
      --input "$work/photos" --output "$work/spark-$workers" "${quick[@]}" --backend CPU)
  printf 'spark, %d one-core worker(s)  : %6.1f s  %.3f photos/s  (job: %s)\n' "$workers" "$s" "$(echo "$count / $s" | bc -l)" \
      "$(grep -o '[0-9]* ok.*images/s)' "$work/spark-$workers.log" || tail -3 "$work/spark-$workers.log")"
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; pids=()
  sleep 2
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
