package dev.kerasj.explain;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.*;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The network's own inference-mode gradients (what Saliency, IntegratedGradients and Grad-CAM use) against
 * central finite differences of {@code predict}, for Dense, Conv2D, pooling, BatchNormalization (moving
 * statistics), Dropout (off) and a functional model with a merge.
 */
class GradientPassTest {
    /** Central differences of output {@code t} of {@code predict} in double steps of {@code h}, at row 0. */
    static INDArray finiteDifference(Model m, INDArray x, int t, double h) {
        INDArray x0 = x.castTo(DataType.FLOAT).dup('c');
        INDArray flat = x0.reshape(x0.length());
        INDArray g = Nd4j.create(DataType.DOUBLE, x0.length());
        for (long i = 0; i < x0.length(); i++) {
            double v = flat.getDouble(i);
            flat.putScalar(i, v + h);
            double up = m.predict(x0).reshape(x0.size(0), -1).getDouble(0, t);
            flat.putScalar(i, v - h);
            double down = m.predict(x0).reshape(x0.size(0), -1).getDouble(0, t);
            flat.putScalar(i, v);
            g.putScalar(i, (up - down) / (2 * h));
        }
        return g.reshape(x.shape());
    }

    static void assertGradient(Model m, INDArray x, int t) {
        assertGradient(m, x, t, 1e-2);
    }

    static void assertGradient(Model m, INDArray x, int t, double h) {
        INDArray ours = new Gradients(m).pass(x, new int[] {t}, null).inputGradients()[0].castTo(DataType.DOUBLE);
        INDArray fd = finiteDifference(m, x, t, h);
        double scale = Math.max(1e-3, fd.amaxNumber().doubleValue());
        double err = ours.sub(fd).amaxNumber().doubleValue();
        assertTrue(err < 2e-2 * scale, "max |analytic - numeric| = " + err + " (scale " + scale + ")\n" + ours + "\n" + fd);
    }

    @Test
    void denseWithDropoutAndBatchNormalizationMatchesFiniteDifferences() {
        Nd4j.getRandom().setSeed(1);
        Sequential m = new Sequential(new Input(5), new Dense(8, "tanh"), new BatchNormalization(), new Dropout(0.5),
                new Dense(3, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 5);
        INDArray y = Nd4j.createFromArray(new float[64]).reshape(64);
        m.fit(x, y, 2, 16); // moves BN statistics away from 0/1
        assertGradient(m, Nd4j.rand(DataType.FLOAT, 1, 5), 1);
    }

    @Test
    void convNetMatchesFiniteDifferences() {
        // A max-pooling window may hold two values closer than the finite-difference step; the central difference
        // then straddles the switch of the maximum and is wrong (with h = 1e-2 this failed about 1 run in 3: seed 3
        // below gives 0.008 against the analytic gradient, 1e-5 with h = 3e-3). Seeded, with the smaller step.
        dev.kerasj.Kerasj.setRandomSeed(3);
        Nd4j.getRandom().setSeed(3);
        Sequential m = new Sequential(new Input(6, 6, 1), new Conv2D(2, 3).activation("tanh"), new MaxPooling2D(2),
                new Flatten(), new Dense(2, "sigmoid"));
        m.compile("adam", "binary_crossentropy");
        assertGradient(m, Nd4j.rand(DataType.FLOAT, 1, 6, 6, 1), 1, 3e-3);
    }

    @Test
    void functionalWithMergeMatchesFiniteDifferences() {
        Input in = new Input(4);
        KerasTensor a = new Dense(5, "tanh").apply(in);
        KerasTensor b = new Dense(5, "sigmoid").apply(in);
        KerasTensor out = new Dense(1).apply(new Add().apply(a, b));
        Model m = new Model(in, out);
        m.compile("sgd", "mse");
        assertGradient(m, Nd4j.rand(DataType.FLOAT, 1, 4), 0);
    }

    @Test
    void recurrentModelsMatchFiniteDifferences() {
        dev.kerasj.Kerasj.setRandomSeed(5);
        Sequential lstm = new Sequential(new Input(5, 3), new LSTM(4), new Dense(1));
        lstm.compile("adam", "mse");
        assertGradient(lstm, Nd4j.rand(DataType.FLOAT, 1, 5, 3), 0, 1e-3);
        Sequential gru = new Sequential(new Input(4, 2), new GRU(3), new Dense(2, "softmax"));
        gru.compile("adam", "categorical_crossentropy");
        assertGradient(gru, Nd4j.rand(DataType.FLOAT, 1, 4, 2), 1, 1e-3);
        Sequential conv1d = new Sequential(new Input(8, 2), new Conv1D(3, 3).activation("tanh"),
                new GlobalAveragePooling1D(), new Dense(1, "sigmoid"));
        conv1d.compile("adam", "binary_crossentropy");
        assertGradient(conv1d, Nd4j.rand(DataType.FLOAT, 1, 8, 2), 0, 1e-3);
    }

    @Test
    void recurrentDropoutIsRefusedWithAReason() {
        Sequential m = new Sequential(new Input(5, 3), new LSTM(4).recurrentDropout(0.2), new Dense(1));
        m.compile("adam", "mse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Gradients(m).pass(Nd4j.rand(DataType.FLOAT, 1, 5, 3), new int[1], null));
        assertTrue(e.getMessage().contains("recurrent_dropout"), e.getMessage());
    }

    @Test
    void passOutputsEqualPredict() {
        Sequential m = new Sequential(new Input(5), new Dense(4, "relu"), new Dropout(0.3), new Dense(2, "softmax"));
        m.compile("adam", "categorical_crossentropy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 5);
        INDArray out = new Gradients(m).pass(x, new int[7], null).outputs()[0];
        assertTrue(out.equalsWithEps(m.predict(x), 1e-6));
    }
}
