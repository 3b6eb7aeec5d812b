package dev.kerasj.spark;

import dev.kerasj.internal.Checks;

/**
 * How {@link SparkTrainer} distributes training, as an immutable value: each setter returns a copy. Two of
 * DL4J's training masters are offered:
 *
 * <ul>
 *   <li>{@link #parameterAveraging()}: each worker trains its own copy on {@code batchSizePerWorker}-example
 *       batches; after {@code averagingFrequency} batches per worker the driver averages the parameters and
 *       the optimizer state and sends them out again (synchronous, simple, robust; the data's pass is split
 *       into rounds of {@code workers × batchSizePerWorker × averagingFrequency} examples);</li>
 *   <li>{@link #sharedTraining()}: gradient sharing (Strom 2015): workers train asynchronously and exchange
 *       only the update entries larger than an adaptive {@code threshold} (threshold encoding: each entry is
 *       sent as ±threshold, the remainder is kept as a residual for later steps), over UDP (Aeron) through a
 *       controller at {@code controllerAddress}:{@code unicastPort}.</li>
 * </ul>
 *
 * <p>Defaults: {@code workers} 0 (Spark's default parallelism: N for {@code local[N]}, the cluster's cores
 * otherwise), {@code workersPerNode} 1 (see {@link #workersPerNode(int)}), {@code batchSizePerWorker} 32 (Keras's default batch size), {@code averagingFrequency} 5
 * (DL4J's), {@code threshold} 1e-3 (DL4J's initial adaptive threshold), {@code controllerAddress} none
 * (127.0.0.1 on a {@code local} master, else the driver's address), {@code unicastPort} 40123 (DL4J's),
 * {@code seed} 12345.
 *
 * <pre>{@code
 * SparkOptions o = SparkOptions.parameterAveraging().batchSizePerWorker(64).averagingFrequency(10);
 * SparkOptions s = SparkOptions.sharedTraining().threshold(1e-4);
 * }</pre>
 */
public final class SparkOptions {
    /** DL4J's training masters. */
    public enum Master {
        /** {@code ParameterAveragingTrainingMaster}. */
        PARAMETER_AVERAGING,
        /** {@code SharedTrainingMaster} (gradient sharing, threshold encoding). */
        SHARED_TRAINING
    }

    private final Master master;
    private final int workers;
    private final int workersPerNode;
    private final int batchSizePerWorker;
    private final int averagingFrequency;
    private final double threshold;
    private final String controllerAddress;
    private final int unicastPort;
    private final long seed;

    private SparkOptions(Master master, int workers, int workersPerNode, int batchSizePerWorker, int averagingFrequency, double threshold,
                         String controllerAddress, int unicastPort, long seed) {
        this.master = master;
        this.workers = workers;
        this.workersPerNode = workersPerNode;
        this.batchSizePerWorker = batchSizePerWorker;
        this.averagingFrequency = averagingFrequency;
        this.threshold = threshold;
        this.controllerAddress = controllerAddress;
        this.unicastPort = unicastPort;
        this.seed = seed;
    }

    /** Parameter averaging with the defaults. */
    public static SparkOptions parameterAveraging() {
        return new SparkOptions(Master.PARAMETER_AVERAGING, 0, 1, 32, 5, 1e-3, null, 40123, 12345L);
    }

    /** Gradient sharing with threshold encoding, with the defaults. */
    public static SparkOptions sharedTraining() {
        return parameterAveraging().master(Master.SHARED_TRAINING);
    }

    /** The training master: {@code "averaging"} or {@code "shared"} (the CLI's names). */
    public static SparkOptions of(String master) {
        return switch (master) {
            case "averaging" -> parameterAveraging();
            case "shared" -> sharedTraining();
            default -> throw new IllegalArgumentException("Invalid `master`: expected one of [averaging, shared]. "
                    + "Received: master=" + master);
        };
    }

    public SparkOptions master(Master master) {
        Checks.notNull("master", master);
        return new SparkOptions(master, workers, workersPerNode, batchSizePerWorker, averagingFrequency, threshold, controllerAddress,
                unicastPort, seed);
    }

    /** Number of workers (Spark tasks training at once); 0 takes Spark's default parallelism. */
    public SparkOptions workers(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("Invalid `workers`: expected 0 (Spark's default parallelism) or a "
                    + "positive integer. Received: workers=" + workers);
        }
        return new SparkOptions(master, workers, workersPerNode, batchSizePerWorker, averagingFrequency, threshold, controllerAddress,
                unicastPort, seed);
    }

    /**
     * Shared training: training threads per executor JVM. With 1 (the default) each executor trains one copy
     * (ND4J's native code uses the executor's cores) and the executors share gradients; on a {@code local[N]}
     * master, one JVM, that means one trainer fed by the N tasks. More than 1 runs DL4J's ParallelWrapper
     * inside each executor, which deadlocked in DL4J 1.0.0-M2 (two trainer threads locking one network).
     */
    public SparkOptions workersPerNode(int workersPerNode) {
        Checks.positive("workers_per_node", workersPerNode);
        return new SparkOptions(master, workers, workersPerNode, batchSizePerWorker, averagingFrequency, threshold,
                controllerAddress, unicastPort, seed);
    }

    /** Examples in each worker's gradient step (each worker's batch size). */
    public SparkOptions batchSizePerWorker(int batchSizePerWorker) {
        Checks.positive("batch_size_per_worker", batchSizePerWorker);
        return new SparkOptions(master, workers, workersPerNode, batchSizePerWorker, averagingFrequency, threshold, controllerAddress,
                unicastPort, seed);
    }

    /** Parameter averaging: batches each worker trains between two averagings. */
    public SparkOptions averagingFrequency(int averagingFrequency) {
        Checks.positive("averaging_frequency", averagingFrequency);
        return new SparkOptions(master, workers, workersPerNode, batchSizePerWorker, averagingFrequency, threshold, controllerAddress,
                unicastPort, seed);
    }

    /** Shared training: the initial threshold of the adaptive threshold encoding. */
    public SparkOptions threshold(double threshold) {
        Checks.positive("threshold", threshold);
        return new SparkOptions(master, workers, workersPerNode, batchSizePerWorker, averagingFrequency, threshold, controllerAddress,
                unicastPort, seed);
    }

    /** Shared training: the IP address of the driver, where the workers' controller listens. */
    public SparkOptions controllerAddress(String controllerAddress) {
        Checks.notNull("controller_address", controllerAddress);
        return new SparkOptions(master, workers, workersPerNode, batchSizePerWorker, averagingFrequency, threshold, controllerAddress,
                unicastPort, seed);
    }

    /** Shared training: the UDP port of the controller. */
    public SparkOptions unicastPort(int unicastPort) {
        if (unicastPort < 1 || unicastPort > 65535) {
            throw new IllegalArgumentException("Invalid `unicast_port`: expected a port in [1, 65535]. Received: "
                    + "unicast_port=" + unicastPort);
        }
        return new SparkOptions(master, workers, workersPerNode, batchSizePerWorker, averagingFrequency, threshold, controllerAddress,
                unicastPort, seed);
    }

    /** Seed of the masters' data splitting. */
    public SparkOptions seed(long seed) {
        return new SparkOptions(master, workers, workersPerNode, batchSizePerWorker, averagingFrequency, threshold, controllerAddress,
                unicastPort, seed);
    }

    public Master master() {
        return master;
    }

    public int workers() {
        return workers;
    }

    public int workersPerNode() {
        return workersPerNode;
    }

    public int batchSizePerWorker() {
        return batchSizePerWorker;
    }

    public int averagingFrequency() {
        return averagingFrequency;
    }

    public double threshold() {
        return threshold;
    }

    /** The controller's address, or {@code null} for the default. */
    public String controllerAddress() {
        return controllerAddress;
    }

    public int unicastPort() {
        return unicastPort;
    }

    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "SparkOptions{master=" + master + ", workers=" + workers + ", batch_size_per_worker=" + batchSizePerWorker
                + (master == Master.PARAMETER_AVERAGING ? ", averaging_frequency=" + averagingFrequency
                : ", threshold=" + threshold + ", controller_address=" + controllerAddress + ", unicast_port="
                + unicastPort) + "}";
    }
}
