package dev.kerasj.bench;

import dev.kerasj.internal.Batches;
import dev.kerasj.losses.SparseCategoricalCrossentropy;
import dev.kerasj.metrics.SparseCategoricalAccuracy;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Random;

/**
 * Where one MNIST MLP training step's time goes, in CPU time of the calling thread (robust on a loaded
 * machine; run with OMP_NUM_THREADS=1 so every op runs on that thread): {@code Profile DATA_DIR}.
 */
public final class Profile {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int N = 300;

    private Profile() {
    }

    interface Step {
        void run(int i);
    }

    static void time(String name, Step s) {
        for (int i = 0; i < 30; i++) {
            s.run(i);
        }
        long t = MX.getCurrentThreadCpuTime();
        for (int i = 0; i < N; i++) {
            s.run(i);
        }
        System.out.printf("%-48s %8.3f ms/step%n", name, (MX.getCurrentThreadCpuTime() - t) / 1e6 / N);
    }

    public static void main(String[] args) throws Exception {
        BenchData.Mnist m = BenchData.mnist(Path.of(args[0]));
        INDArray x = m.xTrain().reshape(m.nTrain(), 784);
        INDArray y = Nd4j.createFromArray(m.yTrain()).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(m.nTrain(), 1);
        Random r = new Random(1);
        int[][] idx = new int[N + 30][128];
        for (int[] row : idx) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextInt(m.nTrain());
            }
        }
        INDArray xb = Batches.gather(x, idx[0]);
        INDArray yb = Batches.gather(y, idx[0]);
        time("gather x,y (Batches.gather)", i -> {
            Batches.gather(x, idx[i]);
            Batches.gather(y, idx[i]);
        });
        INDArray w1 = Nd4j.rand(784, 512).castTo(x.dataType());
        INDArray w2 = Nd4j.rand(512, 10).castTo(x.dataType());
        INDArray h = xb.mmul(w1);
        INDArray d2 = Nd4j.rand(128, 10).castTo(x.dataType());
        time("GEMM fwd (x·W1, h·W2)", i -> {
            xb.mmul(w1);
            h.mmul(w2);
        });
        time("GEMM bwd weight grads (xᵀ·d1, hᵀ·d2, d2·W2ᵀ)", i -> {
            xb.transpose().mmul(h);
            h.transpose().mmul(d2);
            d2.mmul(w2.transpose());
        });
        time("GEMM bwd input grad of layer 1 (d1·W1ᵀ)", i -> h.mmul(w1.transpose()));
        INDArray p = Nd4j.rand(128, 10).castTo(x.dataType());
        p.diviColumnVector(p.sum(1));
        SparseCategoricalCrossentropy loss = new SparseCategoricalCrossentropy();
        time("loss call + gradient (Keras formulas)", i -> {
            loss.call(yb, p);
            loss.gradient(yb, p);
        });
        time("  one-hot only (putScalar loop, via categorical on one-hot)", i -> {
            INDArray oh = Nd4j.zeros(p.dataType(), 128, 10);
            for (int j = 0; j < 128; j++) {
                oh.putScalar(j, (long) yb.getDouble(j), 1.0);
            }
        });
        time("  one-hot only (OneHot op)", i -> Nd4j.getExecutioner().exec(
                new org.nd4j.linalg.api.ops.impl.shape.OneHot(yb.reshape(128), 10, -1, 1.0, 0.0, p.dataType()))[0].reshape(128, 10));
        SparseCategoricalAccuracy acc = new SparseCategoricalAccuracy();
        time("accuracy updateState", i -> acc.updateState(yb, p));

        MultiLayerNetwork hand = Dl4jCases.mlpNet();
        INDArray yOneHot = Nd4j.zeros(128, 10);
        for (int j = 0; j < 128; j++) {
            yOneHot.putScalar(j, (int) yb.getDouble(j), 1.0);
        }
        DataSet ds = new DataSet(xb, yOneHot);
        time("DL4J by hand: net.fit(batch)", i -> hand.fit(ds));

        double[] kp = KerasjCases.predict(m, 3);
        double[] dp = Dl4jCases.predict(m, 3);
        System.out.printf("%-48s %8.3f s (wall, 10k images, batch 32)%n", "predict kerasj", Bench.median(kp));
        System.out.printf("%-48s %8.3f s (wall, 10k images, batch 32)%n", "predict DL4J by hand", Bench.median(dp));
        dev.kerasj.Sequential model = KerasjCases.mlpModel();
        INDArray x3 = x.reshape(m.nTrain(), 28, 28);
        INDArray y1 = y.reshape(m.nTrain());
        // one full kerasj fit over 300 batches: per step
        long t = MX.getCurrentThreadCpuTime();
        model.fit(x3.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 128 * N)),
                y1.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 128 * N)),
                dev.kerasj.FitOptions.defaults().epochs(1).batchSize(128).verbose(0));
        System.out.printf("%-48s %8.3f ms/step (incl. first-call warm-up)%n", "kerasj fit (shuffle, gather, metrics)",
                (MX.getCurrentThreadCpuTime() - t) / 1e6 / N);
        t = MX.getCurrentThreadCpuTime();
        model.fit(x3.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 128 * N)),
                y1.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 128 * N)),
                dev.kerasj.FitOptions.defaults().epochs(1).batchSize(128).verbose(0));
        System.out.printf("%-48s %8.3f ms/step%n", "kerasj fit, again", (MX.getCurrentThreadCpuTime() - t) / 1e6 / N);
    }
}
