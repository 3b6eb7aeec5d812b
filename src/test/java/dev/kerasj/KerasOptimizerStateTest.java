package dev.kerasj;

import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.optimizers.Adam;
import dev.kerasj.optimizers.SGD;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optimizer's state at Keras 3's {@code optimizer/vars}, checked against Keras's update rules after one
 * step from zero state (so the layout, not only a round trip, is tested), and against a real Keras 3.9 file.
 */
class KerasOptimizerStateTest {
    @TempDir
    Path dir;

    /** Keras 3 SGD: m = momentum·m − lr·g; w += m. After one step from m = 0, each momentum equals the weight's change. */
    @Test
    void sgdMomentumIsTheFirstStepsWeightChange() throws IOException {
        Sequential m = model();
        m.compile(new SGD(0.1).momentum(0.9), "mse");
        List<INDArray> before = weights(m);
        fitOneStep(m);
        List<INDArray> after = weights(m);
        List<Object> vars = optimizerVars(save(m));
        assertEquals(2 + 4, vars.size(), "iterations, learning_rate, one momentum per trainable weight");
        assertEquals(1L, ((Number) vars.get(0)).longValue(), "iterations");
        assertEquals(0.1, ((Number) vars.get(1)).doubleValue(), 1e-7, "learning_rate");
        for (int i = 0; i < 4; i++) {
            INDArray delta = after.get(i).sub(before.get(i));
            assertArrayEquals(delta.data().asFloat(), ((INDArray) vars.get(2 + i)).data().asFloat(), 1e-6f, "momentum " + i);
        }
    }

    /** Keras 3 Adam after one step from zero: m = (1−β1)g, v = (1−β2)g², interleaved per weight (m0, v0, m1, v1…). */
    @Test
    void adamMomentsAreInterleavedAsKerasWritesThem() throws IOException {
        Sequential m = model();
        m.compile(new Adam(0.01), "mse");
        List<INDArray> before = weights(m);
        fitOneStep(m);
        List<INDArray> after = weights(m);
        List<Object> vars = optimizerVars(save(m));
        assertEquals(2 + 8, vars.size());
        for (int i = 0; i < 4; i++) {
            INDArray mom = (INDArray) vars.get(2 + 2 * i);
            INDArray vel = (INDArray) vars.get(3 + 2 * i);
            INDArray g = mom.div(0.1);                       // β1 = 0.9
            assertArrayEquals(g.mul(g).mul(0.001).data().asFloat(), vel.data().asFloat(), 1e-7f, "velocity " + i);
            INDArray delta = after.get(i).sub(before.get(i));
            for (int k = 0; k < delta.length(); k++) {
                if (Math.abs(g.getDouble(k)) > 1e-6) {
                    assertEquals(-Math.signum(g.getDouble(k)), Math.signum(delta.getDouble(k)), "step against the gradient");
                }
            }
        }
    }

    /** A real Keras 3.9 file's Adam state (2 + 16 variables: GRU, GRU, Dense) survives kerasj's layout both ways. */
    @Test
    void realKerasAdamStateRoundTrips() throws IOException {
        Path real = Path.of("src/test/resources/keras-files/CDT406-EMG-2/gru_model.keras");
        List<Object> original = optimizerVars(real);
        Model m = Model.load(real);
        List<Object> saved = optimizerVars(save(m));
        assertEquals(original.size(), saved.size());
        assertEquals(((Number) original.get(0)).longValue(), ((Number) saved.get(0)).longValue(), "iterations");
        for (int i = 2; i < original.size(); i++) {
            assertArrayEquals(((INDArray) original.get(i)).shape(), ((INDArray) saved.get(i)).shape(), "var " + i);
            assertArrayEquals(((INDArray) original.get(i)).data().asFloat(), ((INDArray) saved.get(i)).data().asFloat(),
                    0f, "var " + i);
        }
        assertTrue(((INDArray) original.get(3)).sumNumber().doubleValue() > 0, "a trained model's state, not zeros");
    }

    private static Sequential model() {
        Sequential m = new Sequential(new Input(3), new Dense(4, "tanh"), new Dense(2));
        return m;
    }

    private static void fitOneStep(Model m) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 8, 2);
        m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(8).shuffle(false).verbose(0));
    }

    private static List<INDArray> weights(Model m) {
        List<INDArray> out = new ArrayList<>();
        for (dev.kerasj.layers.Layer l : m.layers()) {
            for (INDArray w : l.getWeights()) {
                out.add(w.dup());
            }
        }
        return out;
    }

    private Path save(Model m) throws IOException {
        Path p = dir.resolve("m" + System.nanoTime() + ".keras");
        m.save(p);
        return p;
    }

    /** optimizer/vars/0…n as read by jHDF: numbers for scalars, arrays otherwise. */
    private static List<Object> optimizerVars(Path keras) throws IOException {
        try (ZipFile zip = new ZipFile(keras.toFile());
             HdfFile h5 = HdfFile.fromByteBuffer(ByteBuffer.wrap(zip.getInputStream(zip.getEntry("model.weights.h5"))
                     .readAllBytes()))) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; ; i++) {
                io.jhdf.api.Node n = h5.getByPath("optimizer/vars").isGroup()
                        ? ((io.jhdf.api.Group) h5.getByPath("optimizer/vars")).getChildren().get(String.valueOf(i)) : null;
                if (!(n instanceof Dataset d)) {
                    return out;
                }
                if (d.isScalar()) {
                    out.add((Number) d.getData());
                } else {
                    Object flat = d.getDataFlat();
                    float[] f = (float[]) flat;
                    out.add(Nd4j.create(f, d.getDimensionsAsLong(), 'c'));
                }
            }
        }
    }
}
