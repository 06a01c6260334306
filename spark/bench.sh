#!/usr/bin/env bash
# Runs ssm4j.spark.SparkThroughputBench (Spark local[T] vs the library in one JVM) with the launcher's class path
# and JVM flags. Build first: mvn -B -q -pl spark -am package -DskipTests. Example (docs/spark.md):
#   flock /tmp/ssm4j-bench.lock spark/bench.sh --layer s4d --width 64 --state 64 --length 4096 --rows 400
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OPENS=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
CP="$(ls "$ROOT"/spark/target/ssm4j-spark-*.jar | head -n1):$ROOT/spark/target/lib/*"
exec "$JAVA" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED "${OPENS[@]}" \
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  -Xmx${BENCH_XMX:-6g} -XX:+UseParallelGC ${BENCH_JVM_OPTS:-} -cp "$CP" ssm4j.spark.SparkThroughputBench "$@"
