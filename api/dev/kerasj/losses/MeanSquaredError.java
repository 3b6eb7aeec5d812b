package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error: {@code mean((y_true − y_pred)², axis=−1)} per sample; Keras's {@code "mse"}.
 * {@code model.compile("adam", new MeanSquaredError())}
 */
public final class MeanSquaredError extends Loss {
    public MeanSquaredError() {
        super("mean_squared_error");
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray d = yPred.sub(matchRank(yTrue, yPred).castTo(yPred.dataType()));
        return d.muli(d).mean(lastAxis(yPred));
    }

    @Override
    public INDArray gradient(INDArray yTrue, INDArray yPred) {
        long k = yPred.size(yPred.rank() - 1);
        return yPred.sub(matchRank(yTrue, yPred).castTo(yPred.dataType())).muli(2.0 / k);
    }

    static int lastAxis(INDArray a) {
        return a.rank() - 1;
    }
}
