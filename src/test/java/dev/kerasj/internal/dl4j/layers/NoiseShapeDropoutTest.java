package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Layers;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dropout's noise_shape as Keras: (None, 1, 1, 1) keeps or drops whole samples, scaled by 1/(1 − rate). */
class NoiseShapeDropoutTest {
    @Test
    void dropsWholeSamplesAndScalesTheRest() {
        Nd4j.getRandom().setSeed(3);
        NoiseShapeDropout d = new NoiseShapeDropout(0.5, new long[] {-1, 1, 1, 1});
        INDArray x = Nd4j.ones(DataType.FLOAT, 60, 3, 3, 4);
        INDArray out = d.applyDropout(x, x.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces());
        int dropped = 0;
        for (int n = 0; n < 60; n++) {
            double v = out.getDouble(n, 0, 0, 0);
            assertTrue(v == 0.0 || Math.abs(v - 2.0) < 1e-6, "kept values are scaled by 1/(1-rate): " + v);
            for (double o : out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n)).dup().data().asDouble()) {
                assertEquals(v, o, 0, "one draw per sample");
            }
            dropped += v == 0 ? 1 : 0;
        }
        assertTrue(dropped > 15 && dropped < 45, "about half of 60 samples dropped: " + dropped);
        INDArray grad = d.backprop(Nd4j.ones(DataType.FLOAT, 60, 3, 3, 4), Nd4j.zeros(DataType.FLOAT, 60, 3, 3, 4), 0, 0);
        assertTrue(grad.equalsWithEps(out, 1e-6), "the gradient goes through the same mask");
    }

    @Test
    void layerConfigUsesKerasNoneForTheBatchAxis() {
        Dropout d = new Dropout(0.2).noiseShape(-1, 1, 1, 1);
        Map<String, Object> c = d.getConfig();
        assertEquals(Arrays.asList(null, 1L, 1L, 1L), c.get("noise_shape"));
        Dropout back = (Dropout) Layers.deserialize(d.serialize());
        assertArrayEquals(new long[] {-1, 1, 1, 1}, back.noiseShape());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0.2).noiseShape(-1, 0));
        Dropout wrong = new Dropout(0.2).noiseShape(-1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrong.build(new long[] {4, 4, 3}));
        assertTrue(e.getMessage().contains("noise_shape"), e.getMessage());
    }

    @Test
    void spatialNoiseShapeDropsWholeChannelsAndScalesTheRest() {
        Nd4j.getRandom().setSeed(1);
        // SpatialDropout2D's noise shape: (batch, 1, 1, channels)
        NoiseShapeDropout d = new NoiseShapeDropout(0.5, new long[] {-1, 1, 1, -1});
        INDArray x = Nd4j.ones(DataType.FLOAT, 40, 3, 3, 8);
        INDArray out = d.applyDropout(x, x.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces());
        int dropped = 0;
        for (int n = 0; n < 40; n++) {
            for (int c = 0; c < 8; c++) {
                double v = out.getDouble(n, 0, 0, c);
                assertTrue(v == 0.0 || Math.abs(v - 2.0) < 1e-6, "kept values are scaled by 1/(1-rate): " + v);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        assertEquals(v, out.getDouble(n, i, j, c), 0, "one draw per (sample, channel)");
                    }
                }
                dropped += v == 0 ? 1 : 0;
            }
        }
        assertTrue(dropped > 100 && dropped < 220, "about half of 320 channels dropped: " + dropped);
        INDArray grad = d.backprop(Nd4j.ones(DataType.FLOAT, 40, 3, 3, 8), Nd4j.zeros(DataType.FLOAT, 40, 3, 3, 8), 0, 0);
        assertTrue(grad.equalsWithEps(out, 1e-6), "the gradient goes through the same mask");
    }
}
