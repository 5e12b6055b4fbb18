# Sourced by the Spark benchmarks (run-spark.sh, run-spark-linkage.sh), with $root set: picks the JDK
# (JAVA_HOME, else temurin 25; Maven runs on it too: the default java here is too old for the build),
# builds the spark module's classpath, and defines spark_main to run one of its mains in Spark local
# mode as spark-submit would, with the JVM options Spark's own launcher gives (spark/pom.xml,
# hg.jvm.spark), the driver and block manager on 127.0.0.1.
#   spark_main LOCAL_DIR MAIN_CLASS [args...]   (SPARK_MASTER, default local[2]; SPARK_PARTITIONS,
#   default 8; SPARK_JAVA_OPTS, else the caller's spark_default_opts)
jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$jdk/bin/javac" ] || { echo "bench: no JDK at $jdk; set JAVA_HOME to a JDK 21 or newer" >&2; exit 1; }
export JAVA_HOME="$jdk"
spark_cp="$(mktemp)"
"$root/mvnw" -B -q -f "$root/pom.xml" -pl spark -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$spark_cp" -Dmdep.includeScope=runtime >&2
spark_opens="$("$root/mvnw" -B -q -f "$root/spark/pom.xml" help:evaluate -Dexpression=hg.jvm.spark -DforceStdout)"
spark_classpath="$root/spark/target/classes:$(cat "$spark_cp")"
rm -f "$spark_cp"
export SPARK_LOCAL_IP=127.0.0.1

spark_main() {
  local local_dir="$1" main="$2"
  shift 2
  mkdir -p "$local_dir"
  # shellcheck disable=SC2086 # the option lists hold several options on purpose
  "$jdk/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow $spark_opens \
    ${SPARK_JAVA_OPTS:-$spark_default_opts} \
    -Dspark.master="${SPARK_MASTER:-local[2]}" -Dspark.ui.enabled=false \
    -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
    -Dspark.sql.shuffle.partitions="${SPARK_PARTITIONS:-8}" -Dspark.local.dir="$local_dir" \
    -Dlog4j2.level=warn \
    -cp "$spark_classpath" "$main" "$@"
}
