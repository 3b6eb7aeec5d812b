package dev.kerasj.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Sequential;
import dev.kerasj.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static dev.kerasj.layers.LayerTestSupport.Expect;
import static dev.kerasj.layers.LayerTestSupport.check;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormalizationTest {
    @Test
    void shapesAndCountsMatchKeras() {
        // 4C parameters, 2C of them (the moving statistics) non-trainable
        check(new BatchNormalization(), s(10), new Expect(s(10), 40, 20));
        check(new BatchNormalization(), s(6, 6, 8), new Expect(s(6, 6, 8), 32, 16));
        check(new BatchNormalization(), s(5, 3), new Expect(s(5, 3), 12, 6));
        check(new BatchNormalization().center(false).scale(false), s(4), new Expect(s(4), 8, 0));
    }

    @Test
    void kerasDefaultsAndSummary() {
        BatchNormalization bn = new BatchNormalization();
        assertEquals(0.99, bn.momentum());
        assertEquals(1e-3, bn.epsilon());
        Sequential m = new Sequential(new Input(4, 4, 3), new Conv2D(2, 3), new BatchNormalization());
        assertEquals((3 * 3 * 3 + 1) * 2 + 8, m.countParams());
        assertEquals((3 * 3 * 3 + 1) * 2 + 4, m.countTrainableParams());
        String summary = m.summaryString();
        assertTrue(summary.contains("Non-trainable params: 4"), summary);
        var w = m.layers().get(1).getWeights();
        assertTrue(w.get(0).equalsWithEps(Nd4j.ones(DataType.FLOAT, 2), 0), "gamma starts at 1");
        assertTrue(w.get(3).equalsWithEps(Nd4j.ones(DataType.FLOAT, 2), 0), "moving variance starts at 1");
    }

    @Test
    void inferenceUsesMovingStatistics() {
        BatchNormalization bn = new BatchNormalization();
        Sequential m = new Sequential(new Input(3, 2, 2), bn);
        INDArray gamma = Nd4j.createFromArray(2f, 0.5f);
        INDArray beta = Nd4j.createFromArray(1f, -1f);
        INDArray mean = Nd4j.createFromArray(0.3f, -0.2f);
        INDArray var = Nd4j.createFromArray(4f, 0.25f);
        bn.setWeights(gamma, beta, mean, var);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 2, 2);
        // gamma · (x − mean) / sqrt(var + 1e-3) + beta, per channel (last axis)
        INDArray expected = x.sub(mean.reshape(1, 1, 1, 2)).divi(Transforms.sqrt(var.add(1e-3)).reshape(1, 1, 1, 2))
                .muli(gamma.reshape(1, 1, 1, 2)).addi(beta.reshape(1, 1, 1, 2));
        assertTrue(expected.equalsWithEps(m.predict(x), 1e-5));
    }

    @Test
    void trainingStepUpdatesMovingStatisticsWithKerasMomentum() {
        BatchNormalization bn = new BatchNormalization().momentum(0.9);
        Sequential m = new Sequential(new Input(3), bn);
        m.compile(new SGD(0.0 + 1e-9), new dev.kerasj.losses.MeanSquaredError());
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 3).muli(2).addi(1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 3);
        m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(8).shuffle(false).verbose(0));
        INDArray batchMean = x.mean(0);
        INDArray batchVar = x.var(false, 0); // Keras uses the biased batch variance
        var w = bn.getWeights();
        assertTrue(batchMean.mul(0.1).equalsWithEps(w.get(2), 1e-4), "moving_mean = 0.9·0 + 0.1·mean\n" + w.get(2));
        assertTrue(batchVar.mul(0.1).addi(0.9).equalsWithEps(w.get(3), 1e-4), "moving_variance = 0.9·1 + 0.1·var\n" + w.get(3));
    }

    @Test
    void invalidOptions() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchNormalization().momentum(1.5));
        assertTrue(e.getMessage().contains("momentum=1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Input(3),
                new BatchNormalization().center(false)));
        assertTrue(e.getMessage().contains("center=false"), e.getMessage());
    }
}
