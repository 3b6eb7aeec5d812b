package dev.kerasj.internal;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 23 item 4: models nobody holds are collected with their native weights. A static map from layers
 * to their models once kept every model ever built or loaded (RSS +9.6 MiB per load of the MNIST MLP);
 * {@code bench/run load-leak} measures the full 500 loads and 1,000 predicts.
 */
class ModelMemoryTest {
    @TempDir
    Path dir;

    private static Sequential small() {
        Sequential m = new Sequential(new Input(784), new Dense(512, "relu"), new Dense(10, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    private static final INDArray X = Nd4j.rand(DataType.FLOAT, 8, 784);

    private static WeakReference<Model> loadedAndUsed(Path file) throws IOException {
        Model m = Model.load(file);
        m.predict(X);
        return new WeakReference<>(m);
    }

    private static WeakReference<Model> builtAndUsed() {
        Sequential m = small();
        m.predict(X);
        return new WeakReference<>(m);
    }

    @Test
    void loadedAndBuiltModelsAreCollectedOnceNobodyHoldsThem() throws Exception {
        Path file = dir.resolve("small.kerasj");
        small().save(file);
        WeakReference<Model> loaded = loadedAndUsed(file);
        WeakReference<Model> built = builtAndUsed();
        for (int i = 0; i < 50 && (loaded.get() != null || built.get() != null); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(loaded.get(), "a loaded model is still reachable after it was dropped");
        assertNull(built.get(), "a built model is still reachable after it was dropped");
    }

    @Test
    void repeatedLoadsKeepNativeMemoryFlat() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "RSS is read from /proc/self/status");
        Path file = dir.resolve("small.kerasj");
        small().save(file);
        for (int i = 0; i < 10; i++) {
            loadedAndUsed(file);
        }
        long before = nonHeapResidentBytes();
        for (int i = 1; i <= 40; i++) {
            loadedAndUsed(file);
            if (i % 10 == 0) {
                nonHeapResidentBytes();
            }
        }
        long growth = nonHeapResidentBytes() - before;
        // Measured: 6 and 21 MiB; with the leak (every model kept by a static map) 227 MiB.
        assertTrue(growth < (100L << 20), "RSS outside the Java heap grew by " + (growth >> 20) + " MiB over 40 loads");
    }

    /** RSS minus the committed Java heap, after a collection has let ND4J free what it can. */
    private static long nonHeapResidentBytes() throws Exception {
        System.gc();
        Thread.sleep(100); // ND4J frees native buffers on its deallocator thread
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return rss - ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }
}
