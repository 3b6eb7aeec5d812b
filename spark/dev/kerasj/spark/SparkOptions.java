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
 * otherwise), {@code workersPerNode} 1 (see {@link #workersPerNode(int)}), {@code batchSizePerWorker} 32
 * (Keras's default batch size), {@code averagingFrequency} 5 (DL4J's), {@code threshold} 1e-3 (DL4J's initial adaptive threshold), {@code controllerAddress} none
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

    private Master master;
    private int workers;
    private int workersPerNode;
    private int batchSizePerWorker;
    private int averagingFrequency;
    private double threshold;
    private String controllerAddress;
    private int unicastPort;
    private long seed;

    /** Parameter averaging with every default. */
    private SparkOptions() {
        this.master = Master.PARAMETER_AVERAGING;
        this.workers = 0;
        this.workersPerNode = 1;
        this.batchSizePerWorker = 32;
        this.averagingFrequency = 5;
        this.threshold = 1e-3;
        this.controllerAddress = null;
        this.unicastPort = 40123;
        this.seed = 12345L;
    }

    /** A copy, for the setters (the class is immutable to its users). */
    private SparkOptions copy() {
        SparkOptions c = new SparkOptions();
        c.master = master;
        c.workers = workers;
        c.workersPerNode = workersPerNode;
        c.batchSizePerWorker = batchSizePerWorker;
        c.averagingFrequency = averagingFrequency;
        c.threshold = threshold;
        c.controllerAddress = controllerAddress;
        c.unicastPort = unicastPort;
        c.seed = seed;
        return c;
    }

    /** Parameter averaging with the defaults. */
    public static SparkOptions parameterAveraging() {
        return new SparkOptions();
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
        SparkOptions c = copy();
        c.master = master;
        return c;
    }

    /** Number of workers (Spark tasks training at once); 0 takes Spark's default parallelism. */
    public SparkOptions workers(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("Invalid `workers`: expected 0 (Spark's default parallelism) or a "
                    + "positive integer. Received: workers=" + workers);
        }
        SparkOptions c = copy();
        c.workers = workers;
        return c;
    }

    /**
     * Shared training: training threads per executor JVM. With 1 (the default) each executor trains one copy
     * (ND4J's native code uses the executor's cores) and the executors share gradients; on a {@code local[N]}
     * master, one JVM, that means one trainer fed by the N tasks. More than 1 runs DL4J's ParallelWrapper
     * inside each executor, which deadlocked in DL4J 1.0.0-M2 (two trainer threads locking one network).
     */
    public SparkOptions workersPerNode(int workersPerNode) {
        Checks.positive("workers_per_node", workersPerNode);
        SparkOptions c = copy();
        c.workersPerNode = workersPerNode;
        return c;
    }

    /** Examples in each worker's gradient step (each worker's batch size). */
    public SparkOptions batchSizePerWorker(int batchSizePerWorker) {
        Checks.positive("batch_size_per_worker", batchSizePerWorker);
        SparkOptions c = copy();
        c.batchSizePerWorker = batchSizePerWorker;
        return c;
    }

    /** Parameter averaging: batches each worker trains between two averagings. */
    public SparkOptions averagingFrequency(int averagingFrequency) {
        Checks.positive("averaging_frequency", averagingFrequency);
        SparkOptions c = copy();
        c.averagingFrequency = averagingFrequency;
        return c;
    }

    /** Shared training: the initial threshold of the adaptive threshold encoding. */
    public SparkOptions threshold(double threshold) {
        Checks.positive("threshold", threshold);
        SparkOptions c = copy();
        c.threshold = threshold;
        return c;
    }

    /** Shared training: the IP address of the driver, where the workers' controller listens. */
    public SparkOptions controllerAddress(String controllerAddress) {
        Checks.notNull("controller_address", controllerAddress);
        SparkOptions c = copy();
        c.controllerAddress = controllerAddress;
        return c;
    }

    /** Shared training: the UDP port of the controller. */
    public SparkOptions unicastPort(int unicastPort) {
        if (unicastPort < 1 || unicastPort > 65535) {
            throw new IllegalArgumentException("Invalid `unicast_port`: expected a port in [1, 65535]. Received: "
                    + "unicast_port=" + unicastPort);
        }
        SparkOptions c = copy();
        c.unicastPort = unicastPort;
        return c;
    }

    /** Seed of the masters' data splitting. */
    public SparkOptions seed(long seed) {
        SparkOptions c = copy();
        c.seed = seed;
        return c;
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
