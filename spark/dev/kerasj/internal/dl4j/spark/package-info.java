/**
 * The bridge from a kerasj model's DL4J network to DL4J's Spark training ({@code dl4j-spark},
 * {@code dl4j-spark-parameterserver}): the only Spark code that names DL4J types.
 */
package dev.kerasj.internal.dl4j.spark;
