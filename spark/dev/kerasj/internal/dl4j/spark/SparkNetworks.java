package dev.kerasj.internal.dl4j.spark;

import dev.kerasj.internal.dl4j.Dl4jRuntimes;
import dev.kerasj.internal.runtime.NetworkRuntime;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.repartitioner.NoOpRepartitioner;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * The bridge from a kerasj model to DL4J's Spark training: the model's own DL4J network (with Keras's
 * optimizer rule and loss inside its configuration) wrapped in {@link SparkDl4jMultiLayer} (Sequential) or
 * {@link SparkComputationGraph} (functional model) with one of DL4J's two training masters; after each
 * epoch the trained parameters and optimizer state are written back into the model's network.
 */
public final class SparkNetworks {
    /**
     * A training master's settings (see {@code dev.kerasj.spark.SparkOptions} for their meaning and
     * defaults): {@code shared} picks {@link SharedTrainingMaster} (gradient sharing with threshold
     * encoding) over {@link ParameterAveragingTrainingMaster}; {@code examplesPerElement} is how many samples
     * each {@code DataSet} of the RDD holds (the masters count the data in elements: parameter averaging takes
     * {@code workers × batchSizePerWorker × averagingFrequency} samples per round only when this is right).
     */
    public record Settings(boolean shared, int workers, int workersPerNode, int batchSizePerWorker, int examplesPerElement,
                           int averagingFrequency, double threshold, String controllerAddress, int unicastPort,
                           long seed) {
    }

    /** Aeron's client liveness timeout as nd4j's transport sets it (30 s); publications must outlive it. */
    private static final long AERON_LIVENESS_NS = 30_000_000_000L;

    private final org.deeplearning4j.nn.api.Model network;
    private final long[][] outputShapes;
    private final Settings settings;
    private final SparkDl4jMultiLayer sparkNet;
    private final SparkComputationGraph sparkGraph;

    private SparkNetworks(org.deeplearning4j.nn.api.Model network, long[][] outputShapes, Settings settings,
                          JavaSparkContext sc) {
        this.network = network;
        this.outputShapes = outputShapes;
        this.settings = settings;
        TrainingMaster<?, ?> master = master(settings);
        if (network instanceof MultiLayerNetwork m) {
            this.sparkNet = new SparkDl4jMultiLayer(sc, m, master);
            this.sparkGraph = null;
        } else {
            this.sparkNet = null;
            this.sparkGraph = new SparkComputationGraph(sc, (ComputationGraph) network, master);
        }
    }

    /**
     * Prepares a model's runtime for Spark training; fails with the reason when the model cannot be
     * distributed (several inputs or outputs, a configuration Java serialization cannot send).
     */
    public static SparkNetworks of(NetworkRuntime runtime, JavaSparkContext sc, Settings settings) {
        SparkVersions.check(sc.version(), scala.util.Properties.versionNumberString());
        org.deeplearning4j.nn.api.Model network = Dl4jRuntimes.network(runtime);
        if (network instanceof ComputationGraph g
                && (g.getConfiguration().getNetworkInputs().size() != 1 || g.getNumOutputArrays() != 1)) {
            throw new IllegalArgumentException("This model cannot be distributed: kerasj's Spark training takes models "
                    + "with one input and one output. Received: " + g.getConfiguration().getNetworkInputs().size()
                    + " inputs and " + g.getNumOutputArrays() + " outputs.");
        }
        Dl4jRuntimes.requireSerializable(network);
        return new SparkNetworks(network, Dl4jRuntimes.outputShapes(runtime), settings, sc);
    }

    private static TrainingMaster<?, ?> master(Settings s) {
        if (!s.shared()) {
            return new ParameterAveragingTrainingMaster.Builder(s.workers(), s.examplesPerElement())
                    .batchSizePerWorker(s.batchSizePerWorker())
                    .averagingFrequency(s.averagingFrequency())
                    .saveUpdater(true)
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .rngSeed(s.seed())
                    .build();
        }
        // Aeron refuses a publication whose unblock timeout is not longer than the client liveness timeout,
        // which nd4j's transport raises to 30 s; Aeron's default unblock timeout is 15 s.
        if (System.getProperty("aeron.publication.unblock.timeout") == null) {
            System.setProperty("aeron.publication.unblock.timeout", String.valueOf(AERON_LIVENESS_NS + 5_000_000_000L));
        }
        VoidConfiguration voidConf = VoidConfiguration.builder()
                .unicastPort(s.unicastPort())
                .controllerAddress(s.controllerAddress())
                .build();
        return new SharedTrainingMaster.Builder(voidConf, s.workers(), new AdaptiveThresholdAlgorithm(s.threshold()),
                s.examplesPerElement())
                .batchSizePerWorker(s.batchSizePerWorker())
                .workersPerNode(s.workersPerNode())
                // one task per worker, all running at once: DL4J's shared wrapper makes the first task of a JVM the
                // trainer and the others feeders, and a feeder task that starts after the trainer finished its
                // pass waits forever (seen with one partition per batch: 188 tasks on local[2] hung in epoch 3)
                .repartitioner(new NoOpRepartitioner())
                .repartitionData(Repartition.Never)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(s.seed())
                .build();
    }

    /**
     * One pass over {@code data} (Keras's arrays: features {@code (batch, …input shape)}, labels
     * {@code (batch, …output shape)} or class indices {@code (batch,)}); the trained parameters and optimizer
     * state are then the model's. Returns the masters' mean training score of the pass.
     */
    public double fitEpoch(JavaRDD<DataSet> data) {
        JavaRDD<DataSet> rows = toDl4j(settings.shared() && data.getNumPartitions() != settings.workers()
                ? data.repartition(settings.workers()) : data, outputShapes[0]);
        long before = iterations();
        org.deeplearning4j.nn.api.Model trained;
        double score;
        if (sparkNet != null) {
            trained = sparkNet.fit(rows);
            score = sparkNet.getScore();
        } else {
            trained = sparkGraph.fit(rows);
            score = sparkGraph.getScore();
        }
        copyBack(trained, before, rows.count() * settings.examplesPerElement());
        return score;
    }

    /**
     * Makes the trained parameters and optimizer state the model's, and advances the step count (Keras's
     * {@code optimizer.iterations}, Adam's bias correction) by the steps each worker took in the pass when
     * the master did not already: {@code ⌈samples / (workers × batchSizePerWorker)⌉}.
     */
    private void copyBack(org.deeplearning4j.nn.api.Model trained, long iterationsBefore, long samples) {
        if (trained != network) {
            network.setParams(trained.params());
            INDArray from = updaterState(trained);
            INDArray to = updaterState(network);
            if (from != null && to != null && from.length() == to.length()) {
                to.assign(from);
            }
        }
        long after = iterations(trained);
        long perWorker = (samples + (long) settings.workers() * settings.batchSizePerWorker() - 1)
                / ((long) settings.workers() * settings.batchSizePerWorker());
        setIterations(after > iterationsBefore ? after : iterationsBefore + perWorker);
    }

    /** Features float32; labels as the DL4J loss layer reads them (2-D, one row per position). */
    static JavaRDD<DataSet> toDl4j(JavaRDD<DataSet> data, long[] outputShape) {
        return data.map(ds -> new DataSet(
                ds.getFeatures().dataType() == DataType.FLOAT ? ds.getFeatures() : ds.getFeatures().castTo(DataType.FLOAT),
                Dl4jRuntimes.labelRows(ds.getLabels(), outputShape)));
    }

    private static INDArray updaterState(org.deeplearning4j.nn.api.Model m) {
        if (m instanceof MultiLayerNetwork n) {
            return n.getUpdater() == null ? null : n.getUpdater().getStateViewArray();
        }
        ComputationGraph g = (ComputationGraph) m;
        return g.getUpdater() == null ? null : g.getUpdater().getStateViewArray();
    }

    private long iterations() {
        return iterations(network);
    }

    private static long iterations(org.deeplearning4j.nn.api.Model m) {
        return m instanceof MultiLayerNetwork n ? n.getIterationCount() : ((ComputationGraph) m).getIterationCount();
    }

    private void setIterations(long steps) {
        if (network instanceof MultiLayerNetwork n) {
            n.setIterationCount((int) steps);
        } else {
            ((ComputationGraph) network).getConfiguration().setIterationCount((int) steps);
        }
    }

    /** The master's settings. */
    public Settings settings() {
        return settings;
    }
}
