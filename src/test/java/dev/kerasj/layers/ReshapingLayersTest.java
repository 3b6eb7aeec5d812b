package dev.kerasj.layers;

import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static dev.kerasj.layers.LayerTestSupport.Expect;
import static dev.kerasj.layers.LayerTestSupport.check;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ZeroPadding2D, Cropping2D, UpSampling2D, RepeatVector, Permute, GaussianNoise, SpatialDropout2D. */
class ReshapingLayersTest {
    @Test
    void shapesMatchKeras() {
        check(new ZeroPadding2D(), s(28, 28, 1), Expect.of(s(30, 30, 1), 0));
        check(new ZeroPadding2D(1, 0, 2, 3), s(4, 5, 2), Expect.of(s(5, 10, 2), 0));
        check(new Cropping2D(2, 4), s(10, 12, 3), Expect.of(s(6, 4, 3), 0));
        check(new Cropping2D(1, 0, 0, 2), s(5, 5, 1), Expect.of(s(4, 3, 1), 0));
        check(new UpSampling2D(), s(7, 7, 4), Expect.of(s(14, 14, 4), 0));
        check(new UpSampling2D(2, 3), s(2, 3, 1), Expect.of(s(4, 9, 1), 0));
        check(new RepeatVector(3), s(5), Expect.of(s(3, 5), 0));
        check(new GaussianNoise(0.1), s(4, 4, 2), Expect.of(s(4, 4, 2), 0));
        check(new Permute(2, 1), s(10, 64), Expect.of(s(64, 10), 0));
        check(new SpatialDropout2D(0.3), s(5, 5, 4), Expect.of(s(5, 5, 4), 0));
        check(new Permute(3, 1, 2), s(4, 5, 6), Expect.of(s(6, 4, 5), 0));
    }

    @Test
    void valuesMatchKeras() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 4, 2);
        // zero padding: the input sits at [top, left], zeros around
        INDArray padded = new Sequential(new Input(3, 4, 2), new ZeroPadding2D(1, 2, 0, 1)).predict(x);
        assertTrue(x.equalsWithEps(padded.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4), NDArrayIndex.interval(0, 4),
                NDArrayIndex.all()), 0));
        assertEquals(x.sumNumber().doubleValue(), padded.sumNumber().doubleValue(), 1e-4);
        // every element by Keras's definition, left and right padding too, from a view of a larger batch
        INDArray big = Nd4j.randn(DataType.FLOAT, 5, 3, 4, 2);
        INDArray view = big.get(NDArrayIndex.interval(2, 4));
        INDArray y = new Sequential(new Input(3, 4, 2), new ZeroPadding2D(2, 1, 3, 1)).predict(view);
        assertArrayEquals(new long[] {2, 6, 8, 2}, y.shape());
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 8; j++) {
                    for (int c = 0; c < 2; c++) {
                        boolean inside = i >= 2 && i < 5 && j >= 3 && j < 7;
                        assertEquals(inside ? big.getDouble(b + 2, i - 2, j - 3, c) : 0.0, y.getDouble(b, i, j, c), 0,
                                "(" + b + ", " + i + ", " + j + ", " + c + ")");
                    }
                }
            }
        }
        // cropping keeps the middle
        INDArray cropped = new Sequential(new Input(3, 4, 2), new Cropping2D(1, 1, 1, 0)).predict(x);
        assertTrue(x.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2), NDArrayIndex.interval(1, 4), NDArrayIndex.all())
                .equalsWithEps(cropped, 0));
        // nearest-neighbour upsampling: out[i, j] = in[i / 2, j / 3]
        INDArray up = new Sequential(new Input(3, 4, 2), new UpSampling2D(2, 3)).predict(x);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 12; j++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(x.getDouble(1, i / 2, j / 3, c), up.getDouble(1, i, j, c), 0);
                }
            }
        }
        // repeat vector: every step is the input
        INDArray v = Nd4j.randn(DataType.FLOAT, 2, 5);
        INDArray rep = new Sequential(new Input(5), new RepeatVector(3)).predict(v);
        for (int t = 0; t < 3; t++) {
            assertTrue(v.equalsWithEps(rep.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()), 0));
        }
        // permute: out[a, b, c] = in[b, c, a] for dims (3, 1, 2)
        INDArray perm = new Sequential(new Input(3, 4, 2), new Permute(3, 1, 2)).predict(x);
        assertTrue(x.permute(0, 3, 1, 2).equalsWithEps(perm, 0));
        // Gaussian noise is the identity at inference
        assertTrue(x.equalsWithEps(new Sequential(new Input(3, 4, 2), new GaussianNoise(0.5)).predict(x), 0));
        assertTrue(x.equalsWithEps(new Sequential(new Input(3, 4, 2), new SpatialDropout2D(0.5)).predict(x), 0));
    }

    @Test
    void trainsThroughEveryLayer() {
        dev.kerasj.Kerasj.setRandomSeed(1);
        Sequential m = new Sequential(new Input(4, 4, 1), new ZeroPadding2D(1), new GaussianNoise(0.05), new SpatialDropout2D(0.1),
                new Conv2D(2, 3).activation("relu"), new UpSampling2D(2), new Cropping2D(1), new Flatten(), new Dense(3),
                new RepeatVector(2), new Permute(2, 1), new Permute(2, 1), new SimpleRNN(2));
        m.compile("adam", "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 4, 4, 1);
        INDArray y = Nd4j.rand(DataType.FLOAT, 16, 2).muli(0.5);
        double before = m.evaluate(x, y).get("loss");
        m.fit(x, y, dev.kerasj.FitOptions.defaults().epochs(30).batchSize(8).verbose(0));
        assertTrue(m.evaluate(x, y).get("loss") < before);
    }

    @Test
    void badArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(4, 4, 1), new Cropping2D(2)));
        assertTrue(e.getMessage().contains("(None, 4, 4, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Permute(1, 3));
        assertTrue(e.getMessage().contains("dims=[1, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ZeroPadding2D(-1));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(3, 2), new RepeatVector(2)));
        assertTrue(e.getMessage().contains("Flatten"), e.getMessage());
    }
}
