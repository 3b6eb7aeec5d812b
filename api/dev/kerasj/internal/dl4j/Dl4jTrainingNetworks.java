package dev.kerasj.internal.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.heartbeat.reports.Task;

import java.util.List;
import java.util.Map;

/**
 * The networks kerasj trains: DL4J's, with the step's gradient handed to the updater as the network's own
 * gradient array. DL4J's updater takes its fast path only when {@code gradient.gradient()} is that very array
 * object ({@code BaseMultiLayerUpdater.update}), but {@code DefaultGradient.gradient()} returns a fresh
 * reshaped view of it on every call, so every step of a DL4J network runs the updater's path for gradients
 * from another network: the views per updater block and per variable, and the subsets for the division by the
 * batch size, rebuilt at every step (~5 % of an MNIST MLP step). Same memory, same operations, same numbers;
 * only the views are the ones DL4J built once. Their solver is a {@link KerasSolver}: the weight update in one
 * pass where DL4J makes three.
 *
 * <pre>{@code
 * MultiLayerNetwork net = new Dl4jTrainingNetworks.MultiLayer(conf);
 * }</pre>
 */
final class Dl4jTrainingNetworks {
    private Dl4jTrainingNetworks() {
    }

    /**
     * A {@link MultiLayerNetwork} whose updater gets the network's own gradient array; its training steps let a
     * ReLU convolution and the max pooling after it share the ReLU's backprop
     * ({@link dev.kerasj.internal.dl4j.layers.ReluHandoff}).
     */
    static final class MultiLayer extends MultiLayerNetwork {
        MultiLayer(MultiLayerConfiguration conf) {
            super(conf);
        }

        @Override
        public void computeGradientAndScore() {
            dev.kerasj.internal.dl4j.layers.ReluHandoff.sequentialStep(super::computeGradientAndScore);
        }

        @Override
        public Pair<Gradient, Double> gradientAndScore() {
            return own(super.gradientAndScore(), getGradientsViewArray());
        }

        @Override
        public void init(INDArray parameters, boolean cloneParametersArray) {
            super.init(parameters, cloneParametersArray);
            solver = KerasSolver.replacing(solver, conf(), getListeners(), this);
        }

        /**
         * Marks the first {@code fit} done. DL4J's reports a usage event there ({@code Heartbeat.reportEvent}, a
         * no-op in this DL4J) after describing the machine and the model for it
         * ({@code EnvironmentUtils.buildEnvironment}, {@code ModelSerializer.taskByModel}): 25 classes loaded and run
         * inside the first training step, for a report nobody receives. (A {@link ComputationGraph}'s is private.)
         */
        @Override
        protected void update(Task task) {
            initDone = true;
        }
    }

    /** A {@link ComputationGraph} whose updater gets the network's own gradient array. */
    static final class Graph extends ComputationGraph {
        Graph(ComputationGraphConfiguration conf) {
            super(conf);
        }

        @Override
        public Pair<Gradient, Double> gradientAndScore() {
            return own(super.gradientAndScore(), getGradientsViewArray());
        }

        @Override
        public void init(INDArray parameters, boolean cloneParametersArray) {
            super.init(parameters, cloneParametersArray);
            solver = KerasSolver.replacing(solver, conf(), getListeners(), this);
        }
    }

    /** {@code step} with its gradient answering {@code flat} itself, when it holds exactly {@code flat}'s values. */
    static Pair<Gradient, Double> own(Pair<Gradient, Double> step, INDArray flat) {
        Gradient g = step.getFirst();
        if (g == null || flat == null || g instanceof OwnArray) {
            return step;
        }
        INDArray given = g.gradient();
        // the same values: the same first address (DL4J's reshaped view wraps the memory in a new buffer object)
        if (given == flat || given.data().address() != flat.data().address() || given.offset() != flat.offset()
                || given.length() != flat.length() || given.dataType() != flat.dataType()
                || given.elementWiseStride() != 1 || flat.elementWiseStride() != 1) {
            return step;
        }
        return new Pair<>(new OwnArray(g, flat), step.getSecond());
    }

    /** {@code g} in every respect but {@link #gradient()}, which is the network's array object. */
    private record OwnArray(Gradient g, INDArray flat) implements Gradient {
        @Override
        public Map<String, INDArray> gradientForVariable() {
            return g.gradientForVariable();
        }

        @Override
        public INDArray gradient(List<String> order) {
            return g.gradient(order);
        }

        @Override
        public INDArray gradient() {
            return flat;
        }

        @Override
        public void clear() {
            g.clear();
        }

        @Override
        public INDArray getGradientFor(String variable) {
            return g.getGradientFor(variable);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient) {
            return g.setGradientFor(variable, gradient);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient, Character flatteningOrder) {
            return g.setGradientFor(variable, gradient, flatteningOrder);
        }

        @Override
        public Character flatteningOrderForVariable(String variable) {
            return g.flatteningOrderForVariable(variable);
        }
    }
}
