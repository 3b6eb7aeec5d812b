package dev.kerasj.layers;

import dev.kerasj.FitOptions;
import dev.kerasj.Kerasj;
import dev.kerasj.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static dev.kerasj.layers.LayerTestSupport.Expect;
import static dev.kerasj.layers.LayerTestSupport.check;
import static dev.kerasj.layers.LayerTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeDistributedTest {
    @Test
    void shapesAndParameterCountsMatchKeras() {
        // Dense(5) on each of 7 steps of 3 features: 3·5 + 5 = 20
        check(new TimeDistributed(new Dense(5)), s(7, 3), Expect.of(s(7, 5), 20));
        check(new TimeDistributed(new Dense(2, "relu").useBias(false)), s(4, 6), Expect.of(s(4, 2), 12));
    }

    @Test
    void appliesTheSameDenseToEveryStep() {
        TimeDistributed td = new TimeDistributed(new Dense(2));
        Sequential m = new Sequential(new Input(3, 4), td);
        INDArray w = Nd4j.randn(DataType.FLOAT, 4, 2);
        INDArray b = Nd4j.createFromArray(0.5f, -0.5f);
        td.setWeights(w, b);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 4);
        INDArray got = m.predict(x);
        for (int t = 0; t < 3; t++) {
            INDArray step = x.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all());
            assertTrue(step.mmul(w).addRowVector(b).equalsWithEps(
                    got.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()), 1e-5));
        }
    }

    @Test
    void trainsAfterAnLstm() {
        Kerasj.setRandomSeed(8);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 5, 2);
        INDArray y = x.sum(2).reshape(64, 5, 1);
        Sequential m = new Sequential(new Input(5, 2), new LSTM(8).returnSequences(true),
                new TimeDistributed(new Dense(1)));
        m.compile("adam", "mse");
        double before = m.evaluate(x, y).get("loss");
        m.fit(x, y, FitOptions.defaults().epochs(20).batchSize(16).verbose(0));
        assertTrue(m.evaluate(x, y).get("loss") < before / 2);
    }

    @Test
    void onlyDenseIsSupported() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TimeDistributed(new Conv2D(2, 3)));
        assertTrue(e.getMessage().contains("Conv2D"), e.getMessage());
    }
}
