package dev.kerasj.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training and test arrays, the Java form of Keras's {@code (x_train, y_train), (x_test, y_test)}.
 * Returned by {@link Mnist#loadData()}, {@link FashionMnist#loadData()} and
 * {@link DataUtils#trainTestSplit}.
 *
 * <pre>{@code
 * TrainTestData mnist = Mnist.loadData();
 * mnist.xTrain().shape();   // [60000, 28, 28]
 * }</pre>
 */
public final class TrainTestData {
    private final INDArray xTrain;
    private final INDArray yTrain;
    private final INDArray xTest;
    private final INDArray yTest;

    /** @param xTrain training inputs; @param yTrain training targets; @param xTest test inputs; @param yTest test targets */
    public TrainTestData(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest) {
        this.xTrain = Args.notNull("xTrain", xTrain);
        this.yTrain = Args.notNull("yTrain", yTrain);
        this.xTest = Args.notNull("xTest", xTest);
        this.yTest = Args.notNull("yTest", yTest);
    }

    /** Training inputs. */
    public INDArray xTrain() {
        return xTrain;
    }

    /** Training targets. */
    public INDArray yTrain() {
        return yTrain;
    }

    /** Test inputs. */
    public INDArray xTest() {
        return xTest;
    }

    /** Test targets. */
    public INDArray yTest() {
        return yTest;
    }

    @Override
    public String toString() {
        return "TrainTestData[xTrain=" + java.util.Arrays.toString(xTrain.shape()) + ", yTrain="
                + java.util.Arrays.toString(yTrain.shape()) + ", xTest=" + java.util.Arrays.toString(xTest.shape())
                + ", yTest=" + java.util.Arrays.toString(yTest.shape()) + ", " + xTrain.dataType() + "]";
    }
}
