package dev.kerasj.internal.dl4j;

import dev.kerasj.optimizers.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Adapts a kerasj {@link Optimizer} to DL4J's {@link IUpdater}: the update rule is the optimizer's own
 * {@link Optimizer#updateStep} (Keras's formula), its state arrays live in DL4J's updater view (so they
 * are saved and restored with the model), and the learning rate comes from the optimizer's schedule at
 * DL4J's iteration count (the number of updates already applied, Keras's {@code iterations}).
 *
 * <p>DL4J replaces the rate when a callback calls {@code setLearningRate}; {@link #setLrAndSchedule}
 * supports that, as DL4J's own updaters do.
 *
 * <p>Java serialization (DL4J's Spark training sends the network configuration to the workers this way)
 * writes the optimizer as its Keras config and rebuilds it with {@code Optimizers.deserialize}, so the
 * optimizer classes need not be {@code Serializable}.
 */
public final class KerasUpdater implements IUpdater {
    @JsonIgnore
    private final Optimizer optimizer;
    private double learningRate;
    @JsonIgnore
    private ISchedule schedule;
    /**
     * The optimizer's Keras config as JSON, for DL4J's JSON form of the network (which DL4J's multi-threaded
     * training, e.g. on Spark, uses to copy a network); {@code learningRate} is written beside it.
     */
    @JsonProperty("keras_optimizer")
    private final String optimizerConfig;
    /** Whether the rate follows the optimizer's own schedule (else the constant {@code learningRate}). */
    @JsonProperty("keras_schedule")
    private final boolean ownSchedule;

    public KerasUpdater(Optimizer optimizer) {
        this(optimizer, optimizer.learningRate(),
                optimizer.learningRateSchedule() == null ? null : new KerasSchedule(optimizer));
    }

    private KerasUpdater(Optimizer optimizer, double learningRate, ISchedule schedule) {
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.schedule = schedule;
        this.optimizerConfig = dev.kerasj.internal.Json.write(optimizer.serialize());
        this.ownSchedule = schedule instanceof KerasSchedule;
    }

    /** Rebuilds an updater from its JSON form (see {@link #optimizerConfig}). */
    @JsonCreator
    static KerasUpdater fromJson(@JsonProperty("keras_optimizer") String optimizerConfig,
                                 @JsonProperty("learningRate") double learningRate,
                                 @JsonProperty("keras_schedule") boolean ownSchedule) {
        Optimizer o = dev.kerasj.optimizers.Optimizers.deserialize(dev.kerasj.internal.Json.read(optimizerConfig));
        return new KerasUpdater(o, learningRate, ownSchedule ? new KerasSchedule(o) : null);
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public long stateSize(long numParams) {
        return optimizer.stateCount() * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray == null ? null : new long[] {1, viewArray.length() / Math.max(1,
                optimizer.stateCount())}, 'c', initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public IUpdater clone() {
        return new KerasUpdater(optimizer, learningRate, schedule == null ? null : schedule.clone());
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return schedule != null ? schedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.schedule = lrSchedule;
    }

    @Serial
    private Object writeReplace() {
        return new Form(this);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("A KerasUpdater is read through its serialized form.");
    }

    /**
     * The serialized form: the optimizer's Keras config as JSON, the current rate, and a schedule set by
     * {@code setLrAndSchedule} (a DL4J schedule, itself serializable) or the optimizer's own.
     */
    private static final class Form implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String optimizerJson;
        private final double learningRate;
        private final boolean ownSchedule;
        private final ISchedule otherSchedule;

        Form(KerasUpdater u) {
            this.optimizerJson = u.optimizerConfig;
            this.learningRate = u.learningRate;
            this.ownSchedule = u.schedule instanceof KerasSchedule;
            this.otherSchedule = ownSchedule ? null : u.schedule;
        }

        @Serial
        private Object readResolve() {
            Optimizer o = dev.kerasj.optimizers.Optimizers.deserialize(dev.kerasj.internal.Json.read(optimizerJson));
            return new KerasUpdater(o, learningRate, ownSchedule ? new KerasSchedule(o) : otherSchedule);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasUpdater k && k.optimizer.serialize().equals(optimizer.serialize())
                && Double.compare(k.learningRate, learningRate) == 0 && Objects.equals(k.schedule, schedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(optimizer.serialize(), learningRate);
    }

    /** A kerasj optimizer's schedule as a DL4J per-iteration schedule. */
    static final class KerasSchedule implements ISchedule {
        private final Optimizer optimizer;

        KerasSchedule(Optimizer optimizer) {
            this.optimizer = optimizer;
        }

        @Override
        public double valueAt(int iteration, int epoch) {
            return optimizer.learningRate(iteration);
        }

        @Override
        public ISchedule clone() {
            return this;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KerasSchedule s && s.optimizer.serialize().equals(optimizer.serialize());
        }

        @Override
        public int hashCode() {
            return optimizer.serialize().hashCode();
        }
    }

    /** The per-block state (one slice of the view per state array) and the step. */
    static final class Updater implements GradientUpdater<KerasUpdater> {
        private final KerasUpdater config;
        private INDArray[] state;

        Updater(KerasUpdater config) {
            this.config = config;
        }

        @Override
        public KerasUpdater getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            int n = config.optimizer.stateCount();
            state = new INDArray[n];
            for (int i = 0; i < n; i++) {
                state[i] = stateMap.get(String.valueOf(i));
                if (state[i] == null) {
                    throw new IllegalStateException("Optimizer state map lacks array " + i + ": " + stateMap.keySet());
                }
                if (initialize) {
                    state[i].assign(config.optimizer.initialState(i));
                }
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            Map<String, INDArray> m = new HashMap<>();
            for (int i = 0; i < state.length; i++) {
                m.put(String.valueOf(i), state[i]);
            }
            return m;
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            int n = config.optimizer.stateCount();
            state = new INDArray[n];
            if (n == 0) {
                return;
            }
            INDArray flat = viewArray.reshape(viewArray.length());
            long len = flat.length() / n;
            for (int i = 0; i < n; i++) {
                INDArray slice = flat.get(NDArrayIndex.interval(i * len, (i + 1) * len));
                if (initialize) {
                    slice.assign(config.optimizer.initialState(i));
                }
                state[i] = Shape.newShapeNoCopy(slice, gradientShape, gradientOrder == 'f');
                if (state[i] == null) {
                    throw new IllegalStateException("Could not reshape optimizer state to the gradient's shape.");
                }
            }
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            config.optimizer.updateStep(gradient.reshape(gradient.length()), flatState(),
                    config.getLearningRate(iteration, epoch), iteration);
        }

        /** This block's whole update of {@code weight} from {@code gradient} (both flat, of the block's length). */
        Optimizer.WeightUpdate prepare(INDArray weight, INDArray gradient) {
            return config.optimizer.prepare(weight, gradient, flatState());
        }

        private INDArray[] flatState() {
            INDArray[] flat = new INDArray[state.length];
            for (int i = 0; i < state.length; i++) {
                flat[i] = state[i].reshape(state[i].length());
            }
            return flat;
        }
    }
}
