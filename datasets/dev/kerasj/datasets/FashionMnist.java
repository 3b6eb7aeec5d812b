package dev.kerasj.datasets;

import dev.kerasj.internal.NativeStartup;

/**
 * Zalando's Fashion-MNIST, as {@code keras.datasets.fashion_mnist.load_data()} returns it.
 *
 * <p>Shapes and types: {@code xTrain} UINT8 (60000, 28, 28), {@code yTrain} UINT8 (60000,),
 * {@code xTest} UINT8 (10000, 28, 28), {@code yTest} UINT8 (10000,); labels 0–9 are
 * {@link #CLASS_NAMES}.
 *
 * <p>Files: the four IDX files ({@code fashion-mnist/train-images-idx3-ubyte.gz} …) from the cache,
 * the mirror, Debian's {@code dataset-fashion-mnist} package ({@code /usr/share/datasets/fashion-mnist})
 * or Keras's download addresses; every file is SHA-256 verified.
 *
 * <pre>{@code
 * TrainTestData fashion = FashionMnist.loadData();
 * String first = FashionMnist.CLASS_NAMES.get(fashion.yTrain().getInt(0));  // "Ankle boot"
 * }</pre>
 */
public final class FashionMnist {
    static {
        NativeStartup.apply();   // before ND4J starts
    }

    /** The dataset name in the table and the cache. */
    public static final String NAME = "fashion-mnist";

    /** The class names of labels 0–9. */
    public static final java.util.List<String> CLASS_NAMES = java.util.List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** Loads Fashion-MNIST using {@link DatasetLocator#fromEnvironment()}. @throws DatasetException if unavailable or corrupt */
    public static TrainTestData loadData() {
        return loadData(DatasetLocator.fromEnvironment());
    }

    /** Loads Fashion-MNIST using the given locator. @throws DatasetException if unavailable or corrupt */
    public static TrainTestData loadData(DatasetLocator locator) {
        return IdxDatasets.load(locator, NAME);
    }
}
