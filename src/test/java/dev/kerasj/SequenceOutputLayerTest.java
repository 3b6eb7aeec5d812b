package dev.kerasj;

import dev.kerasj.callbacks.History;
import dev.kerasj.layers.Conv1D;
import dev.kerasj.layers.Input;
import dev.kerasj.losses.MeanSquaredError;
import dev.kerasj.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 1-D layer that DL4J runs as a 2-D one ({@code (steps, 1, C)}) can close a model: training's forward
 * output is reshaped back to Keras's {@code (batch, steps, C)} for the loss and metrics.
 */
class SequenceOutputLayerTest {
    @Test
    void aConv1DOutputTrainsWithTheKerasLossAndSgdStep() {
        Kerasj.setRandomSeed(2);
        Conv1D conv = new Conv1D(3, 1);
        Sequential m = new Sequential(new Input(4, 2), conv);
        m.compile(new SGD(0.1), new MeanSquaredError());
        INDArray x = Nd4j.linspace(-1, 1, 24, DataType.FLOAT).reshape(3, 4, 2);
        INDArray t = Nd4j.linspace(1, -0.5, 36, DataType.FLOAT).reshape(3, 4, 3);
        // By hand on the 12 positions: h = x·K + b (K the (1, 2, 3) kernel as (2, 3)), loss = mean((h − t)²),
        // K' = K − 0.1 · xᵀ · 2(h − t)/(12·3), b' = b − 0.1 · Σ 2(h − t)/(12·3).
        List<INDArray> w = conv.getWeights();
        INDArray rows = x.reshape('c', 12, 2).castTo(DataType.DOUBLE);
        INDArray k = w.get(0).castTo(DataType.DOUBLE).reshape(2, 3);
        INDArray err = rows.mmul(k).addRowVector(w.get(1).castTo(DataType.DOUBLE))
                .sub(t.reshape('c', 12, 3).castTo(DataType.DOUBLE));
        double loss = err.mul(err).meanNumber().doubleValue();
        INDArray d = err.mul(2.0 / 36);
        INDArray expectedK = k.sub(rows.transpose().mmul(d).mul(0.1));
        INDArray expectedB = w.get(1).castTo(DataType.DOUBLE).sub(d.sum(0).mul(0.1));

        History h = m.fit(x, t, FitOptions.defaults().verbose(0).epochs(1).batchSize(3).shuffle(false));
        assertEquals(loss, h.history().get("loss").get(0), 1e-5);
        double dk = expectedK.sub(conv.getWeights().get(0).castTo(DataType.DOUBLE).reshape(2, 3)).amaxNumber().doubleValue();
        double db = expectedB.sub(conv.getWeights().get(1).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(dk < 1e-5 && db < 1e-5, "kernel off by " + dk + ", bias off by " + db);
    }
}
