package ssm4j.spark;

import java.util.Iterator;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns rows {@code (id)} into rows {@code (id, seq)} with {@code seq} = {@link DemoWeights#sequence}{@code (values,
 * 1000 + id)}: demo and benchmark data generated on the executors, reproducible in any JVM from the id alone.
 */
final class SequenceGenerator implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final int values;

    SequenceGenerator(int values) {
        this.values = values;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> ids) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Row next() {
                long id = ids.next().getLong(0);
                return RowFactory.create(id, DemoWeights.sequence(values, 1000 + id));
            }
        };
    }
}
