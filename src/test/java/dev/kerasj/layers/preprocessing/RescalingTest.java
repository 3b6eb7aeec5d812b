package dev.kerasj.layers.preprocessing;

import dev.kerasj.Sequential;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.LayerTestSupport;
import dev.kerasj.layers.Layers;
import dev.kerasj.layers.Rescaling;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.*;

/** Rescaling against Keras's definition y = x·scale + offset (offset defaults to 0). */
class RescalingTest {
    @Test
    void shapesParamsAndRoundTrip() {
        Rescaling r = new Rescaling(1.0 / 255);
        assertEquals(0.0, r.getConfig().get("offset"));
        assertEquals(1.0 / 255, r.getConfig().get("scale"));
        LayerTestSupport.check(r, s(4, 4, 3), LayerTestSupport.Expect.of(s(4, 4, 3), 0));
        LayerTestSupport.check(new Rescaling(new double[] {1, 2, 3}), s(2, 3), LayerTestSupport.Expect.of(s(2, 3), 0));
    }

    @Test
    void scalesAndOffsetsInAModel() {
        Sequential m = new Sequential(new Input(3), new Rescaling(1.0 / 127.5, -1));
        INDArray y = m.predict(Nd4j.createFromArray(new float[][] {{0f, 127.5f, 255f}}));
        assertArrayEquals(new float[] {-1f, 0f, 1f}, y.toFloatVector(), 1e-6f);
    }

    @Test
    void perChannelScaleAsEfficientNetUsesIt() {
        Rescaling r = new Rescaling(new double[] {1, 10, 100});
        INDArray x = Nd4j.ones(DataType.FLOAT, 1, 2, 2, 3);
        INDArray y = r.call(x);
        assertArrayEquals(new float[] {1, 10, 100, 1, 10, 100, 1, 10, 100, 1, 10, 100}, y.reshape(12).toFloatVector(), 0f);
        assertEquals(List.of(1.0, 10.0, 100.0), r.getConfig().get("scale"));
        Rescaling copy = (Rescaling) Layers.deserialize(r.serialize());
        assertArrayEquals(new double[] {1, 10, 100}, copy.scale());
    }

    @Test
    void integerImagesAreCastLikeKeras() {
        INDArray x = Nd4j.createFromArray(new int[][] {{0, 51, 255}});
        assertArrayEquals(new float[] {0f, 0.2f, 1f}, new Rescaling(1.0 / 255).call(x).toFloatVector(), 1e-6f);
    }

    @Test
    void gradientPassesScaled() {
        // a Dense before Rescaling(2) learns as if its output were doubled: one SGD step against the hand gradient
        Sequential m = new Sequential(new Input(1), new dev.kerasj.layers.Dense(1).useBias(false), new Rescaling(2.0));
        m.compile(new dev.kerasj.optimizers.SGD(0.1), "mse");
        m.layers().get(0).setWeights(Nd4j.createFromArray(new float[][] {{1f}}));
        m.fit(Nd4j.createFromArray(new float[][] {{1f}}), Nd4j.createFromArray(new float[][] {{0f}}), 1, 1);
        // y = 2w, L = (2w)^2, dL/dw = 8w = 8 → w = 1 - 0.8
        assertEquals(0.2, m.layers().get(0).getWeights().get(0).getDouble(0), 1e-6);
    }

    @Test
    void badScaleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Rescaling(Double.NaN));
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(4), new Rescaling(new double[] {1, 2})));
        assertThrows(IllegalArgumentException.class, () -> Layers.deserialize(Map.of("class_name", "Rescaling",
                "config", Map.of("scale", "x"))));
    }
}
