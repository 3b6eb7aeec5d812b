package dev.kerasj;

import dev.kerasj.datasets.Batch;
import dev.kerasj.datasets.Dataset;
import dev.kerasj.internal.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * ND4J's data iterators as what the trainer reads: a {@code MultiDataSetIterator} gathered into arrays (one
 * per input, one per output), a {@code DataSetIterator} streamed batch by batch each epoch.
 */
final class DataAdapters {
    private DataAdapters() {
    }

    /** Every batch of {@code data} concatenated: {@code [features per input, labels per output]}; no masks. */
    static INDArray[][] gather(MultiDataSetIterator data) {
        Checks.notNull("data", data);
        List<List<INDArray>> features = new ArrayList<>();
        List<List<INDArray>> labels = new ArrayList<>();
        if (data.resetSupported()) {
            data.reset();
        }
        while (data.hasNext()) {
            MultiDataSet batch = data.next();
            if (batch.hasMaskArrays()) {
                throw new IllegalArgumentException("Invalid `data`: kerasj does not support mask arrays in a "
                        + "MultiDataSetIterator. Received a batch with masks.");
            }
            collect(features, batch.getFeatures());
            collect(labels, batch.getLabels());
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("Invalid `data`: the MultiDataSetIterator returned no batches.");
        }
        return new INDArray[][] {concat(features), concat(labels)};
    }

    /**
     * The batches of {@code iterator}, reset at each epoch, each turned into {@code [x, y]} by {@code check}
     * (the model's data checks); the number of steps is unknown in advance.
     */
    static Trainer.BatchSource stream(DataSetIterator iterator, Function<DataSet, INDArray[][]> check) {
        return new Trainer.BatchSource() {
            @Override
            public Iterator<INDArray[][]> epoch() {
                if (iterator.resetSupported()) {
                    iterator.reset();
                }
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return iterator.hasNext();
                    }

                    @Override
                    public INDArray[][] next() {
                        return check.apply(iterator.next());
                    }
                };
            }

            @Override
            public int steps() {
                return -1;
            }
        };
    }

    /**
     * The batches of one pass of {@code data} per epoch, each turned into {@code [x, y]} by {@code check};
     * the pass is closed (its reader threads stopped) when the epoch ends, even early.
     */
    static Trainer.BatchSource stream(Dataset data, Function<Batch, INDArray[][]> check) {
        return new Trainer.BatchSource() {
            @Override
            public Iterator<INDArray[][]> epoch() {
                return new Pass(data.iterator(), check);
            }

            @Override
            public int steps() {
                return (int) data.cardinality();
            }
        };
    }

    /** One pass of a data set, mapped batch by batch; closing it closes the pass. */
    private static final class Pass implements Iterator<INDArray[][]>, AutoCloseable {
        private final Dataset.Passes pass;
        private final Function<Batch, INDArray[][]> check;

        Pass(Dataset.Passes pass, Function<Batch, INDArray[][]> check) {
            this.pass = pass;
            this.check = check;
        }

        @Override
        public boolean hasNext() {
            return pass.hasNext();
        }

        @Override
        public INDArray[][] next() {
            return check.apply(pass.next());
        }

        @Override
        public void close() {
            pass.close();
        }
    }

    private static void collect(List<List<INDArray>> into, INDArray[] arrays) {
        for (int i = 0; i < arrays.length; i++) {
            if (into.size() <= i) {
                into.add(new ArrayList<>());
            }
            into.get(i).add(arrays[i]);
        }
    }

    private static INDArray[] concat(List<List<INDArray>> parts) {
        INDArray[] out = new INDArray[parts.size()];
        for (int i = 0; i < out.length; i++) {
            List<INDArray> p = parts.get(i);
            out[i] = p.size() == 1 ? p.get(0) : Nd4j.concat(0, p.toArray(new INDArray[0]));
        }
        return out;
    }
}
