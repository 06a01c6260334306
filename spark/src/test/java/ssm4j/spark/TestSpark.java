package ssm4j.spark;

import org.apache.spark.sql.SparkSession;

/** SparkSessions for tests: loopback only, no UI, small memory, quiet. */
final class TestSpark {
    private TestSpark() {
    }

    static SparkSession.Builder builder(String master) {
        return SparkSession.builder()
                .master(master)
                .appName("ssm4j-spark-test")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.adaptive.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
    }
}
