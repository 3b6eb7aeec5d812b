package dev.kerasj.datasets;



import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** Loads an MNIST-style dataset in either of its layouts: four IDX files, or Keras's {@code .npz}. */
final class IdxDatasets {
    private static final String[] IDX_FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    private static final String[] NPZ_KEYS = {"x_train", "y_train", "x_test", "y_test"};

    private IdxDatasets() {
    }

    static TrainTestData load(DatasetLocator locator, String dataset) {
        Map<String, DatasetLocator.Located> files = locator.resolve(dataset);
        INDArray[] arrays = new INDArray[4];
        DatasetLocator.Located first = files.values().iterator().next();
        if (first.file().layout().equals("npz")) {
            Map<String, INDArray> npz = NpyReader.parseNpz(locator.read(first), first.path().toString());
            for (int i = 0; i < 4; i++) {
                arrays[i] = npz.get(NPZ_KEYS[i]);
                if (arrays[i] == null) {
                    throw new DatasetException("The archive " + first.path() + " has no array " + NPZ_KEYS[i]
                            + "; it holds " + npz.keySet() + ". " + DatasetException.refetchHint(dataset));
                }
            }
        } else {
            for (int i = 0; i < 4; i++) {
                DatasetLocator.Located l = files.get(dataset + "/" + IDX_FILES[i]);
                arrays[i] = IdxReader.parse(locator.read(l), l.path().toString());
            }
        }
        return new TrainTestData(arrays[0], arrays[1], arrays[2], arrays[3]);
    }
}
