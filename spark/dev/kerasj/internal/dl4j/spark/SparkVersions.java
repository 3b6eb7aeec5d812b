package dev.kerasj.internal.dl4j.spark;

/**
 * The versions kerasj's Spark training runs on: DL4J's Spark modules are published for Scala 2.12 and
 * Spark 3 ({@code dl4j-spark_2.12} 1.0.0-M2); another Scala or Spark major version fails deep inside
 * Spark with a {@code NoSuchMethodError}, so it is refused up front with the versions found.
 */
final class SparkVersions {
    private SparkVersions() {
    }

    /** Fails when {@code sparkVersion} is not 3.x or {@code scalaVersion} not 2.12.x. */
    static void check(String sparkVersion, String scalaVersion) {
        boolean spark3 = sparkVersion != null && sparkVersion.startsWith("3.");
        boolean scala212 = scalaVersion != null && scalaVersion.startsWith("2.12.");
        if (!spark3 || !scala212) {
            throw new IllegalStateException("Mismatched versions: kerasj's Spark training needs Spark 3.x built for "
                    + "Scala 2.12 (DL4J's dl4j-spark_2.12 1.0.0-M2). Received: Spark " + sparkVersion + " with Scala "
                    + scalaVersion + ". Use a Spark 3 distribution for Scala 2.12 (e.g. spark-3.5.1-bin-hadoop3).");
        }
    }
}
