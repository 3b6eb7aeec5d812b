package dev.kerasj;

import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.Layer;
import dev.kerasj.optimizers.Adam;
import dev.kerasj.optimizers.SGD;
import dev.kerasj.losses.MeanSquaredError;
import dev.kerasj.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static dev.kerasj.testing.TestModels.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferLearningTest {
    private static final FitOptions QUIET = FitOptions.defaults().verbose(0).seed(3);

    private static Sequential trainedBase(INDArray x, INDArray y) {
        Kerasj.setRandomSeed(11);
        Sequential base = new Sequential(new Input(4), new Dense(8, "tanh").name("body1"), new Dense(6, "tanh").name("body2"),
                new Dense(1).name("head"));
        base.compile(new Adam(0.01), new MeanSquaredError());
        base.fit(x, y, QUIET.epochs(3).batchSize(16));
        return base;
    }

    @Test
    void frozenBodyIsBitIdenticalAfterFitWhileTheNewHeadChanges() {
        INDArray[] d = TestModels.regression(128, 4, 1);
        Sequential base = trainedBase(d[0], d[1]);
        List<INDArray> body1 = base.getLayer("body1").getWeights();
        List<INDArray> body2 = base.getLayer("body2").getWeights();

        Layer b1 = base.getLayer("body1").trainable(false);
        Layer b2 = base.getLayer("body2").trainable(false);
        Dense head = new Dense(1).name("new_head");
        Sequential model = new Sequential(new Input(4), b1, b2, head);
        // Reused layers carry their trained weights into the new model.
        assertSameBits(body1, b1.getWeights(), "body1 carried over");
        assertSameBits(body2, b2.getWeights(), "body2 carried over");
        model.compile(new Adam(0.01), new MeanSquaredError());
        List<INDArray> headBefore = head.getWeights();
        model.fit(d[0], d[1], QUIET.epochs(2).batchSize(16));

        assertSameBits(body1, b1.getWeights(), "frozen body1 after fit");
        assertSameBits(body2, b2.getWeights(), "frozen body2 after fit");
        assertFalse(headBefore.get(0).equals(head.getWeights().get(0)), "the new head trains");
        // summary counts frozen weights as non-trainable: body 4*8+8 + 8*6+6 = 94, head 6+1 = 7.
        assertEquals(101, model.countParams());
        assertEquals(7, model.countTrainableParams());
        assertTrue(model.summaryString().contains("Non-trainable params: 94"), model.summaryString());
    }

    @Test
    void freezingAMiddleLayerKeepsItAndStillTrainsTheLayersBelow() {
        INDArray[] d = TestModels.regression(128, 4, 2);
        Sequential base = trainedBase(d[0], d[1]);
        List<INDArray> below = base.getLayer("body1").getWeights();
        List<INDArray> middle = base.getLayer("body2").getWeights();
        base.getLayer("body2").trainable(false);
        base.fit(d[0], d[1], QUIET.epochs(2).batchSize(16));
        assertSameBits(middle, base.getLayer("body2").getWeights(), "frozen middle layer");
        assertFalse(below.get(0).equals(base.getLayer("body1").getWeights().get(0)), "layer below the frozen one trains");
        // Unfreezing lets it train again.
        base.getLayer("body2").trainable(true);
        base.fit(d[0], d[1], QUIET.epochs(1).batchSize(16));
        assertFalse(middle.get(0).equals(base.getLayer("body2").getWeights().get(0)), "unfrozen layer trains");
    }

    @Test
    void popKeepsTheBodyWeightsAndANewHeadCanBeAdded() {
        INDArray[] d = TestModels.regression(64, 4, 3);
        Sequential base = trainedBase(d[0], d[1]);
        List<List<INDArray>> before = TestModels.weights(base);
        Layer oldHead = base.pop();
        assertEquals("head", oldHead.name());
        assertSameBits(before.get(2), oldHead.getWeights(), "popped head keeps its weights");
        base.add(new Dense(3, "softmax").name("classifier"));
        assertSameBits(before.get(0), base.getLayer("body1").getWeights(), "body1 after pop + add");
        assertSameBits(before.get(1), base.getLayer("body2").getWeights(), "body2 after pop + add");
        assertEquals(3, base.predict(d[0]).size(1));
        assertSameBits(before.get(2), oldHead.getWeights(), "popped head after the model was rebuilt");
        // The popped head can serve in another model, with its weights.
        Sequential other = new Sequential(new Input(6), oldHead);
        assertSameBits(before.get(2), oldHead.getWeights(), "popped head reused");
        assertEquals(1, other.predict(d[0].getColumns(0, 1, 2, 3, 0, 1)).size(1));
    }

    @Test
    void setLearningRateWorksWithFrozenLayersAndTheNextStepUsesIt() {
        INDArray[] d = TestModels.regression(32, 4, 4);
        Kerasj.setRandomSeed(5);
        Dense body = new Dense(3).name("body");
        Dense head = new Dense(1).name("head");
        Sequential model = new Sequential(new Input(4), body, head);
        body.trainable(false);
        model.compile(new SGD(0.1), new MeanSquaredError());
        model.setLearningRate(0.05);
        assertEquals(0.05, model.learningRate(), 1e-12);

        List<INDArray> b = body.getWeights();
        List<INDArray> h = head.getWeights();
        // One full-batch SGD step on MSE, by hand: features f = x W1 + b1; pred = f W2 + b2;
        // dL/dW2 = 2/n fᵀ(pred - y), dL/db2 = 2/n Σ(pred - y).
        INDArray f = d[0].mmul(b.get(0)).addRowVector(b.get(1));
        INDArray err = f.mmul(h.get(0)).addRowVector(h.get(1)).sub(d[1]);
        double n = d[0].size(0);
        INDArray gW = f.transpose().mmul(err).mul(2 / n);
        INDArray gB = err.sum(0).mul(2 / n);
        INDArray expectedW = h.get(0).sub(gW.mul(0.05));
        INDArray expectedB = h.get(1).sub(gB.reshape(1).mul(0.05));

        model.fit(d[0], d[1], QUIET.epochs(1).batchSize(32).shuffle(false));
        assertSameBits(b, body.getWeights(), "frozen body");
        assertTrue(expectedW.equalsWithEps(head.getWeights().get(0), 1e-5), "head kernel: " + expectedW + " vs "
                + head.getWeights().get(0));
        assertTrue(expectedB.equalsWithEps(head.getWeights().get(1), 1e-5), "head bias");
    }
}
