package dev.kerasj.layers;

import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static dev.kerasj.layers.LayerTestSupport.Expect;
import static dev.kerasj.layers.LayerTestSupport.check;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeparableConv2DTest {
    @Test
    void shapesAndParameterCountsMatchKeras() {
        // kh·kw·cin·m + cin·m·filters + filters
        check(new SeparableConv2D(8, 3), s(10, 10, 4), Expect.of(s(8, 8, 8), 3 * 3 * 4 + 4 * 8 + 8));
        check(new SeparableConv2D(6, 3).depthMultiplier(2).padding("same"), s(7, 7, 3),
                Expect.of(s(7, 7, 6), 3 * 3 * 3 * 2 + 3 * 2 * 6 + 6));
        check(new SeparableConv2D(4, 2, 3).strides(2).useBias(false), s(9, 9, 2), Expect.of(s(4, 4, 4), 2 * 3 * 2 + 2 * 4));
    }

    @Test
    void forwardIsDepthwiseThenPointwise() {
        int m = 2;
        for (String padding : new String[] {"valid", "same"}) {
            SeparableConv2D sep = new SeparableConv2D(3, 3).depthMultiplier(m).padding(padding);
            Sequential model = new Sequential(new Input(6, 5, 2), sep);
            INDArray dk = Nd4j.randn(DataType.FLOAT, 3, 3, 2, m);
            INDArray pk = Nd4j.randn(DataType.FLOAT, 1, 1, 2 * m, 3);
            INDArray bias = Nd4j.createFromArray(0.1f, -0.2f, 0.3f);
            sep.setWeights(dk, pk, bias);
            assertTrue(dk.equalsWithEps(sep.getWeights().get(0), 1e-6));
            INDArray x = Nd4j.randn(DataType.FLOAT, 2, 6, 5, 2);
            // depthwise: channel c·m + k is input channel c convolved with dk[:, :, c, k]
            INDArray depth = null;
            for (int c = 0; c < 2; c++) {
                for (int k = 0; k < m; k++) {
                    INDArray xc = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(c, c + 1)).dup();
                    INDArray kc = dk.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(c, c + 1), org.nd4j.linalg.indexing.NDArrayIndex.interval(k, k + 1)).dup();
                    INDArray oc = Conv2DTest.crossCorrelate(xc, kc, null, 1, 1, 1, padding);
                    depth = depth == null ? oc : Nd4j.concat(3, depth, oc);
                }
            }
            INDArray expected = Conv2DTest.crossCorrelate(depth, pk, bias, 1, 1, 1, "valid");
            INDArray got = model.predict(x);
            assertArrayEquals(expected.shape(), got.shape());
            assertTrue(expected.equalsWithEps(got, 1e-4), padding + "\n" + expected + "\n" + got);
        }
    }
}
