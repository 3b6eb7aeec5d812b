package dev.kerasj.layers;

import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.*;

/** LeakyReLU against Keras 3's definition: x for x ≥ 0, negative_slope·x below; default slope 0.3. */
class LeakyReLUTest {
    @Test
    void keras3DefaultsShapesAndRoundTrip() {
        LeakyReLU l = new LeakyReLU();
        assertEquals(0.3, l.negativeSlope());
        LayerTestSupport.check(l, s(4, 3), LayerTestSupport.Expect.of(s(4, 3), 0));
        assertEquals(0.3, l.getConfig().get("negative_slope"));
    }

    @Test
    void computesTheLeakyRectifier() {
        Sequential m = new Sequential(new Input(4), new LeakyReLU(0.1));
        INDArray x = Nd4j.createFromArray(new float[] {-2f, -0.5f, 0f, 3f}).reshape(1, 4);
        INDArray y = m.predict(x);
        assertArrayEquals(new float[] {-0.2f, -0.05f, 0f, 3f}, y.toFloatVector(), 1e-7f);
    }

    @Test
    void keras2ConfigWithAlphaLoads() {
        Layer l = Layers.deserialize(Map.of("class_name", "LeakyReLU", "config", Map.of("name", "lr", "alpha", 0.2)));
        assertEquals(0.2, ((LeakyReLU) l).negativeSlope());
        assertEquals("lr", l.name());
    }

    @Test
    void negativeSlopeIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(-1));
        assertTrue(e.getMessage().contains("negative_slope"), e.getMessage());
    }

    @Test
    void passesAMaskOnLikeKeras() {
        Sequential m = new Sequential(new Input(5, 2), new Masking(0.0), new LeakyReLU(), new LSTM(3), new Dense(1));
        m.compile("adam", "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 2);
        assertEquals(2, m.predict(x).size(0));
    }
}
