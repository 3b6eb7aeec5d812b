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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Conv1DTest {
    @Test
    void shapesAndParameterCountsMatchKeras() {
        // (5·14 + 1)·32 = 2272; 120 − 5 + 1 = 116
        check(new Conv1D(32, 5).activation("relu"), s(120, 14), Expect.of(s(116, 32), 2272));
        check(new Conv1D(8, 3).padding("same").strides(2), s(9, 2), Expect.of(s(5, 8), 56));
        check(new Conv1D(4, 3).dilationRate(2).useBias(false), s(10, 3), Expect.of(s(6, 4), 36));
    }

    @Test
    void forwardIsKerasCrossCorrelation() {
        int[][] cases = {{3, 1, 1, 0}, {2, 2, 1, 0}, {3, 2, 1, 1}, {3, 1, 2, 0}};
        for (int[] c : cases) {
            String padding = c[3] == 1 ? "same" : "valid";
            Conv1D conv = new Conv1D(3, c[0]).strides(c[1]).dilationRate(c[2]).padding(padding);
            Sequential m = new Sequential(new Input(8, 2), conv);
            INDArray kernel = Nd4j.randn(DataType.FLOAT, c[0], 2, 3);
            INDArray bias = Nd4j.createFromArray(0.1f, 0.2f, -0.3f);
            conv.setWeights(kernel, bias);
            assertTrue(kernel.equalsWithEps(conv.getWeights().get(0), 1e-6));
            INDArray x = Nd4j.randn(DataType.FLOAT, 2, 8, 2);
            INDArray expected = Conv2DTest.crossCorrelate(x.reshape(2, 8, 1, 2), kernel.reshape(c[0], 1, 2, 3), bias,
                    c[1], 1, c[2], padding);
            expected = expected.reshape(expected.size(0), expected.size(1), 3);
            INDArray got = m.predict(x);
            assertArrayEquals(expected.shape(), got.shape());
            assertTrue(expected.equalsWithEps(got, 1e-4), java.util.Arrays.toString(c) + "\n" + expected + "\n" + got);
        }
    }

    @Test
    void kernelLongerThanTheSequenceFails() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(4, 2), new Conv1D(3, 5)));
        assertTrue(e.getMessage().contains("(None, 4, 2)") && e.getMessage().contains("kernel_size=(5,)"), e.getMessage());
    }
}
