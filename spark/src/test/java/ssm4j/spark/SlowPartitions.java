package ssm4j.spark;

import java.util.Iterator;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/** Passes a partition through after a pause, so a job lasts long enough to lose a worker in the middle of it. */
final class SlowPartitions implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final long millis;

    SlowPartitions(long millis) {
        this.millis = millis;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws InterruptedException {
        Thread.sleep(millis);
        return rows;
    }
}
