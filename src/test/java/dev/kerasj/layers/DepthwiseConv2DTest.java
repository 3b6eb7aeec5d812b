package dev.kerasj.layers;

import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

import static dev.kerasj.layers.LayerTestSupport.Expect;
import static dev.kerasj.layers.LayerTestSupport.check;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DepthwiseConv2D against Keras's shapes, parameter counts, config keys and a per-channel loop convolution. */
class DepthwiseConv2DTest {
    @Test
    void shapesAndParameterCountsMatchKeras() {
        // (kh·kw + 1)·cin·m; no bias: kh·kw·cin·m
        check(new DepthwiseConv2D(3), s(10, 10, 4), Expect.of(s(8, 8, 4), (9 + 1) * 4));
        check(new DepthwiseConv2D(3).depthMultiplier(2).padding("same"), s(7, 7, 3), Expect.of(s(7, 7, 6), (9 + 1) * 6));
        check(new DepthwiseConv2D(2, 3).strides(2).useBias(false), s(9, 9, 2), Expect.of(s(4, 4, 2), 6 * 2));
        // MobileNetV2's block_1_depthwise after its ZeroPadding2D: 113×113×96 → 56×56×96, 864 weights
        DepthwiseConv2D d = new DepthwiseConv2D(3).strides(2).useBias(false);
        d.build(s(113, 113, 96));
        assertArrayEquals(s(56, 56, 96), d.outputShape());
        assertEquals(864, d.countParams());
        assertEquals(96, d.filters());
    }

    @Test
    void configUsesKerasKeys() {
        DepthwiseConv2D d = new DepthwiseConv2D(3).depthMultiplier(2);
        Map<String, Object> c = d.getConfig();
        assertEquals(2, c.get("depth_multiplier"));
        assertTrue(c.containsKey("depthwise_initializer"), c.toString());
        assertTrue(!c.containsKey("filters") && !c.containsKey("kernel_initializer"), c.toString());
        assertThrows(IllegalStateException.class, d::filters);
        assertThrows(IllegalArgumentException.class, () -> new DepthwiseConv2D(3).depthMultiplier(0));
    }

    @Test
    void forwardConvolvesEachChannelOnItsOwn() {
        int m = 2;
        // stride 2 with "same" on an even size pads TensorFlow's way (the extra row at the bottom)
        for (String padding : new String[] {"valid", "same"}) {
            for (int stride : new int[] {1, 2}) {
                DepthwiseConv2D dw = new DepthwiseConv2D(3).depthMultiplier(m).padding(padding).strides(stride);
                Sequential model = new Sequential(new Input(6, 5, 2), dw);
                INDArray k = Nd4j.randn(DataType.FLOAT, 3, 3, 2, m);
                INDArray bias = Nd4j.createFromArray(0.1f, -0.2f, 0.3f, 0.05f);
                dw.setWeights(k, bias);
                assertTrue(k.equalsWithEps(dw.getWeights().get(0), 0), "weights round-trip in Keras's layout");
                INDArray x = Nd4j.randn(DataType.FLOAT, 2, 6, 5, 2);
                INDArray expected = null;
                for (int c = 0; c < 2; c++) {
                    for (int j = 0; j < m; j++) {
                        INDArray xc = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                                NDArrayIndex.interval(c, c + 1)).dup();
                        INDArray kc = k.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(c, c + 1),
                                NDArrayIndex.interval(j, j + 1)).dup();
                        INDArray bc = Nd4j.createFromArray(bias.getFloat(c * m + j));
                        INDArray oc = Conv2DTest.crossCorrelate(xc, kc, bc, stride, stride, 1, padding);
                        expected = expected == null ? oc : Nd4j.concat(3, expected, oc);
                    }
                }
                INDArray got = model.predict(x);
                assertArrayEquals(expected.shape(), got.shape(), padding + " stride " + stride);
                assertTrue(expected.equalsWithEps(got, 1e-4), padding + " stride " + stride + "\n" + expected + "\n" + got);
            }
        }
    }
}
