package dev.kerasj.layers;

import dev.kerasj.Kerasj;
import dev.kerasj.Model;
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

/** Masking, Embedding(mask_zero) and Keras's mask propagation, against hand computation. */
class MaskingTest {
    /** Two sequences of lengths 3 and 2 (4 features), values away from 0 so no real step is masked. */
    private static final float[][][] SEQUENCES = {
            {{0.5f, -1f, 0.3f, 0.8f}, {1.2f, 0.4f, -0.7f, 0.2f}, {-0.6f, 0.9f, 0.1f, -1.1f}},
            {{0.7f, 0.2f, -0.4f, 1.0f}, {-0.3f, -0.8f, 0.6f, 0.5f}}};

    /** The sequences padded with {@code pad} to 5 steps, at the start ("pre") or the end ("post"). */
    static INDArray padded(float pad, boolean pre) {
        INDArray x = Nd4j.valueArrayOf(new long[] {2, 5, 4}, pad, DataType.FLOAT);
        for (int s = 0; s < SEQUENCES.length; s++) {
            int len = SEQUENCES[s].length;
            for (int t = 0; t < len; t++) {
                int at = pre ? 5 - len + t : t;
                x.get(NDArrayIndex.point(s), NDArrayIndex.point(at), NDArrayIndex.all())
                        .assign(Nd4j.createFromArray(SEQUENCES[s][t]));
            }
        }
        return x;
    }

    static INDArray unpadded(int s) {
        return Nd4j.createFromArray(new float[][][] {SEQUENCES[s]});
    }

    @Test
    void maskingShapesConfigAndSaveLoad() {
        check(new Masking(), s(5, 4), Expect.of(s(5, 4), 0));
        check(new Masking(-1.5), s(5, 4), Expect.of(s(5, 4), 0), padded(-1.5f, true));
        assertEquals(-1.5, ((Masking) Layers.deserialize(new Masking(-1.5).serialize())).maskValue());
        assertEquals(0.0, new Masking().getConfig().get("mask_value"));
    }

    @Test
    void maskingZeroesStepsWhoseFeaturesAllEqualTheMaskValue() {
        INDArray x = Nd4j.createFromArray(new float[][][] {{{2, 2}, {2, 1}, {0, 2}, {2, 2}}});
        INDArray out = new Sequential(new Input(4, 2), new Masking(2.0)).predict(x);
        // steps 0 and 3 have every feature = 2 → zeros; steps 1 and 2 only some → unchanged
        INDArray expected = Nd4j.createFromArray(new float[][][] {{{0, 0}, {2, 1}, {0, 2}, {0, 0}}});
        assertEquals(expected, out);
    }

    @Test
    void lstmSkipsPreAndPostPaddingAsIfTheSequenceWereUnpadded() {
        Kerasj.setRandomSeed(3);
        int units = 3;
        INDArray w = Nd4j.randn(DataType.FLOAT, 4, 4 * units).muli(0.5);
        INDArray u = Nd4j.randn(DataType.FLOAT, units, 4 * units).muli(0.5);
        INDArray b = Nd4j.randn(DataType.FLOAT, 4 * units).muli(0.5);
        for (float pad : new float[] {0f, -9f}) {
            for (boolean pre : new boolean[] {true, false}) {
                LSTM lstm = new LSTM(units);
                Sequential m = new Sequential(new Input(5, 4), new Masking(pad), lstm);
                lstm.setWeights(w, u, b);
                INDArray got = m.predict(padded(pad, pre));
                for (int s = 0; s < 2; s++) {
                    double[][][] ref = RecurrentTest.lstmReference(unpadded(s), w, u, b);
                    double[] last = ref[0][SEQUENCES[s].length - 1];
                    for (int j = 0; j < units; j++) {
                        assertEquals(last[j], got.getDouble(s, j), 1e-4, (pre ? "pre" : "post") + " pad=" + pad
                                + " sample " + s);
                    }
                }
            }
        }
    }
}
