/**
 * Training kerasj models on Apache Spark (the optional {@code spark} Maven profile; docs/spark.md):
 * {@link dev.kerasj.spark.SparkTrainer} runs a compiled model on DL4J's training masters, configured by
 * {@link dev.kerasj.spark.SparkOptions}.
 */
package dev.kerasj.spark;
