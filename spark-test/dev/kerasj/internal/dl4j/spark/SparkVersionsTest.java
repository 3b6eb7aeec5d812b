package dev.kerasj.internal.dl4j.spark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DL4J's Spark modules are built for Spark 3 on Scala 2.12; other versions are refused naming both. */
@Tag("spark")
class SparkVersionsTest {
    @Test
    void spark3OnScala212IsAccepted() {
        assertDoesNotThrow(() -> SparkVersions.check("3.5.1", "2.12.18"));
        assertDoesNotThrow(() -> SparkVersions.check("3.1.2", "2.12.10"));
    }

    @Test
    void otherVersionsAreRefusedNamingThem() {
        IllegalStateException scala = assertThrows(IllegalStateException.class,
                () -> SparkVersions.check("3.5.1", "2.13.12"));
        assertTrue(scala.getMessage().startsWith("Mismatched versions") && scala.getMessage().contains("Scala 2.13.12"),
                scala.getMessage());
        IllegalStateException spark = assertThrows(IllegalStateException.class,
                () -> SparkVersions.check("2.4.8", "2.12.18"));
        assertTrue(spark.getMessage().contains("Spark 2.4.8"), spark.getMessage());
    }
}
