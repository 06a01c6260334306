/** ssm4j inside Apache Spark: the {@code SsmTransformer} and the {@code spark-demo} command. */
package ssm4j.spark;
