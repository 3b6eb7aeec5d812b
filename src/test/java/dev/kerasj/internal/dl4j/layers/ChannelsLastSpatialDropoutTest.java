package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelsLastSpatialDropoutTest {
    @Test
    void dropsWholeChannelsAndScalesTheRest() {
        Nd4j.getRandom().setSeed(1);
        ChannelsLastSpatialDropout d = new ChannelsLastSpatialDropout(0.5);
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
