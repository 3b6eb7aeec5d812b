package dev.kerasj.datasets;

import dev.kerasj.internal.NativeStartup;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.Random;

/**
 * Array utilities of {@code keras.utils} and the course: {@link #toCategorical}, {@link #normalize}
 * and {@link #trainTestSplit}.
 *
 * <pre>{@code
 * INDArray yOneHot = DataUtils.toCategorical(mnist.yTrain(), 10);            // FLOAT (60000, 10)
 * TrainTestData split = DataUtils.trainTestSplit(x, y, 0.2, 42);             // 80% train, 20% test
 * INDArray unit = DataUtils.normalize(x);                                    // L2 along the last axis
 * }</pre>
 */
public final class DataUtils {
    static {
        NativeStartup.apply();   // before ND4J starts
    }

    /** Default test fraction of {@link #trainTestSplit}: 0.25, as scikit-learn. */
    public static final double DEFAULT_TEST_SIZE = 0.25;

    private DataUtils() {
    }

    /** {@link #toCategorical(INDArray, int)} with {@code numClasses = max(y) + 1}. */
    public static INDArray toCategorical(INDArray y) {
        long[] labels = labels(y);
        long max = Arrays.stream(labels).max().orElse(-1);
        return toCategorical(y, (int) max + 1);
    }

    /**
     * One-hot encodes integer class labels, as {@code keras.utils.to_categorical}.
     *
     * @param y class labels 0 … numClasses−1, any integer or integral floating type; shape (n,) or (…, 1)
     * @param numClasses number of classes, positive
     * @return FLOAT array of shape {@code y.shape + (numClasses,)}, a trailing axis of size 1 replaced
     */
    public static INDArray toCategorical(INDArray y, int numClasses) {
        Args.positive("num_classes", numClasses);
        long[] labels = labels(y);
        float[] out = new float[Math.multiplyExact(labels.length, numClasses)];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw Args.invalid("y", "class labels in [0, " + numClasses + ")", "a label " + labels[i] + " at index " + i,
                        "Pass num_classes greater than the largest label");
            }
            out[i * numClasses + (int) labels[i]] = 1f;
        }
        long[] shape = y.shape();
        if (shape.length > 1 && shape[shape.length - 1] == 1) {
            shape = Arrays.copyOf(shape, shape.length - 1);
        }
        long[] outShape = Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = numClasses;
        return Nd4j.create(out, outShape, 'c');
    }

    private static long[] labels(INDArray y) {
        Args.notNull("y", y);
        return y.castTo(DataType.INT64).dup('c').reshape(y.length()).toLongVector();
    }

    /** {@link #normalize(INDArray, int, int)} with Keras's defaults: axis −1, order 2 (L2). */
    public static INDArray normalize(INDArray x) {
        return normalize(x, -1, 2);
    }

    /**
     * Divides {@code x} by its {@code order}-norm along {@code axis}, as {@code keras.utils.normalize};
     * zero norms are replaced by 1.
     *
     * @param axis axis along which the norm is taken; negative counts from the end. Defaults to −1
     * @param order norm order, positive (1 = sum of absolute values, 2 = Euclidean). Defaults to 2
     * @return a new array in {@code x}'s floating type (FLOAT for integer input)
     */
    public static INDArray normalize(INDArray x, int axis, int order) {
        Args.notNull("x", x);
        Args.positive("order", order);
        int rank = x.rank();
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw Args.invalid("axis", "an axis of an array of rank " + rank + " (from " + -rank + " to " + (rank - 1) + ")",
                    axis, null);
        }
        DataType type = x.dataType().isFPType() ? x.dataType() : DataType.FLOAT;
        INDArray v = x.castTo(type).dup('c');
        INDArray norm = switch (order) {
            case 1 -> Transforms.abs(v, true).sum(true, a);
            case 2 -> v.norm2(true, a);
            default -> Transforms.pow(Transforms.pow(Transforms.abs(v, true), order, false).sum(true, a), 1.0 / order, false);
        };
        norm = Transforms.max(norm, 0.0, true);
        INDArray zero = norm.eq(0).castTo(type);
        norm.addi(zero);
        return v.divi(norm.broadcast(v.shape()));
    }

    /** {@link #trainTestSplit(INDArray, INDArray, double, long, boolean)} with shuffling. */
    public static TrainTestData trainTestSplit(INDArray x, INDArray y, double testSize, long seed) {
        return trainTestSplit(x, y, testSize, seed, true);
    }

    /**
     * Splits rows (axis 0) of {@code x} and {@code y} into training and test parts, as scikit-learn's
     * {@code train_test_split}: {@code ceil(testSize · n)} test rows, the rest for training. For a
     * train/dev/test split apply it twice. For time series pass {@code shuffle = false}: the test part
     * is then the last rows.
     *
     * @param testSize test fraction, in (0, 1). Scikit-learn's default is {@link #DEFAULT_TEST_SIZE}
     * @param seed seed of the shuffle
     * @param shuffle whether to shuffle rows before splitting
     */
    public static TrainTestData trainTestSplit(INDArray x, INDArray y, double testSize, long seed, boolean shuffle) {
        Args.notNull("x", x);
        Args.notNull("y", y);
        if (x.rank() < 1 || y.rank() < 1 || x.size(0) != y.size(0)) {
            throw Args.invalid("y", "as many rows as x (" + (x.rank() < 1 ? 0 : x.size(0)) + ")",
                    "shape " + Arrays.toString(y.shape()), null);
        }
        if (!(testSize > 0 && testSize < 1)) {
            throw Args.invalid("test_size", "a fraction in (0, 1)", testSize, null);
        }
        int n = (int) x.size(0);
        int nTest = (int) Math.ceil(testSize * n);
        if (nTest >= n) {
            throw Args.invalid("test_size", "a fraction that leaves training rows out of " + n, testSize, null);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random random = new Random(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        int[] train = Arrays.copyOfRange(order, 0, n - nTest);
        int[] test = Arrays.copyOfRange(order, n - nTest, n);
        INDArray xm = Rows.asMatrix(x);
        INDArray ym = Rows.asMatrix(y);
        return new TrainTestData(
                Rows.take(xm, train, new long[] {train.length}, Rows.trailing(x)),
                Rows.take(ym, train, new long[] {train.length}, Rows.trailing(y)),
                Rows.take(xm, test, new long[] {test.length}, Rows.trailing(x)),
                Rows.take(ym, test, new long[] {test.length}, Rows.trailing(y)));
    }
}
