package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.FastPaths;
import dev.kerasj.optimizers.Optimizer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.Solver;
import org.deeplearning4j.optimize.api.ConvexOptimizer;
import org.deeplearning4j.optimize.api.StepFunction;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.deeplearning4j.optimize.solvers.StochasticGradientDescent;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * DL4J's solver for the networks kerasj trains, with the weight update done by the optimizer in one pass.
 * DL4J's step makes three passes over every weight's memory: the updater divides the summed gradient by the
 * batch size, the rule turns the gradient into the step in place, and the step function subtracts it from
 * the weights; each pass reads and writes arrays far larger than the cache (an MNIST MLP: 407,050 weights,
 * state and gradient 1.6 MB each), about a fifth of its training step. When every updater block runs a kerasj
 * optimizer on weights without DL4J regularization or gradient clipping, each block's
 * {@link Optimizer#prepare prepared update} does all three in one pass (Adam: reads g, m, v, w; writes m, v, w),
 * the same float operations in the same order, so the same numbers. Anything else (L1/L2, clipnorm, frozen
 * layers and BatchNorm statistics, whose blocks are DL4J's own updaters, a gradient accumulator, the fast
 * paths off) takes DL4J's path unchanged.
 *
 * <pre>{@code
 * solver = KerasSolver.replacing(solver, conf(), getListeners(), this);   // in the network's init
 * }</pre>
 */
final class KerasSolver extends Solver {
    private final NeuralNetConfiguration conf;
    private final Model model;
    private Collection<TrainingListener> listeners;
    private OnePassSgd optimizer;

    private KerasSolver(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, Model model) {
        this.conf = conf;
        this.listeners = listeners;
        this.model = model;
    }

    /** {@code old} (DL4J's solver, possibly null) replaced by a {@code KerasSolver} keeping its updater and its state. */
    static Solver replacing(Solver old, NeuralNetConfiguration conf, Collection<TrainingListener> listeners, Model model) {
        if (old instanceof KerasSolver) {
            return old;
        }
        KerasSolver s = new KerasSolver(conf, listeners, model);
        if (old != null && old.getOptimizer() instanceof BaseOptimizer o) {
            if (o.getUpdater(false) != null) {
                s.getOptimizer().setUpdater(o.getUpdater(false));
            }
            if (o.getComputationGraphUpdater(false) != null) {
                s.getOptimizer().setUpdaterComputationGraph(o.getComputationGraphUpdater(false));
            }
        }
        return s;
    }

    @Override
    public ConvexOptimizer getOptimizer() {
        if (optimizer == null) {
            optimizer = new OnePassSgd(conf, new Subtraction(), listeners, model);
        }
        return optimizer;
    }

    @Override
    public void setListeners(Collection<TrainingListener> listeners) {
        this.listeners = listeners;
        super.setListeners(listeners);
        if (optimizer != null) {
            optimizer.setListeners(listeners);
        }
    }

    /** DL4J's step function, {@code params −= update}, skipped for a step whose update is already in the weights. */
    private static final class Subtraction implements StepFunction {
        private boolean applied;

        @Override
        public void step(INDArray x, INDArray line, double step) {
            step(x, line);
        }

        @Override
        public void step(INDArray x, INDArray line) {
            if (!applied) {
                x.subi(line);
            }
        }

        @Override
        public void step() {
        }
    }

    /** DL4J's stochastic gradient descent with the one-pass update where it applies. */
    private static final class OnePassSgd extends StochasticGradientDescent {
        private final Subtraction subtraction;
        private Plan plan;

        OnePassSgd(NeuralNetConfiguration conf, Subtraction subtraction, Collection<TrainingListener> listeners,
                   Model model) {
            super(conf, subtraction, listeners, model);
            this.subtraction = subtraction;
        }

        @Override
        public void updateGradientAccordingToParams(Gradient gradient, Model model, int batchSize,
                                                    LayerWorkspaceMgr workspaceMgr) {
            subtraction.applied = false;
            BaseMultiLayerUpdater<?> updater = accumulator != null || !FastPaths.enabled() ? null
                    : model instanceof ComputationGraph ? getComputationGraphUpdater(true)
                    : getUpdater(true) instanceof BaseMultiLayerUpdater<?> u ? u : null;
            if (updater != null && !(plan != null && plan.isFor(updater, model.params()))) {
                plan = Plan.of(updater, model);
            }
            if (updater == null || !plan.taken || gradient.gradient() != updater.getFlattenedGradientsView()) {
                super.updateGradientAccordingToParams(gradient, model, batchSize, workspaceMgr);
                return;
            }
            int iteration = getIterationCount(model);
            int epoch = getEpochCount(model);
            try (MemoryWorkspace ws = workspaceMgr.notifyScopeEntered(ArrayType.UPDATER_WORKING_MEM)) {
                plan.apply(batchSize, iteration, epoch);
            }
            subtraction.applied = true;
        }
    }

    /** Each updater block's prepared update, for one updater and one parameter array. */
    private static final class Plan {
        private final BaseMultiLayerUpdater<?> updater;
        private final INDArray params;
        private final boolean taken;
        private final List<UpdaterBlock> blocks;
        private final List<GradientUpdater<?>> updaters = new ArrayList<>();
        private final List<Optimizer.WeightUpdate> updates = new ArrayList<>();

        private Plan(BaseMultiLayerUpdater<?> updater, INDArray params, boolean taken) {
            this.updater = updater;
            this.params = params;
            this.taken = taken;
            this.blocks = updater.getUpdaterBlocks();
        }

        /**
         * The plan for {@code updater}, or one that declines (not {@link #taken}) when any block is not a plain
         * kerasj optimizer step: DL4J regularization or gradient clipping, a weight not divided by the batch size,
         * a DL4J updater (frozen layers, BatchNorm statistics), or not one contiguous parameter array.
         */
        static Plan of(BaseMultiLayerUpdater<?> updater, Model model) {
            INDArray params = model.params();
            Plan declined = new Plan(updater, params, false);
            if (!model.conf().isMiniBatch() || params == null || !params.isVector()
                    || params.elementWiseStride() != 1) {
                return declined;
            }
            INDArray flat = params.reshape(params.length());
            Plan plan = new Plan(updater, params, true);
            for (UpdaterBlock block : updater.getUpdaterBlocks()) {
                if (block.skipDueToPretrainConfig(false)) {
                    return declined;
                }
                for (UpdaterBlock.ParamState p : block.getLayersAndVariablesInBlock()) {
                    TrainingConfig c = p.getLayer().getConfig();
                    List<Regularization> r = c.getRegularizationByParam(p.getParamName());
                    if (r != null && !r.isEmpty() || !p.getLayer().updaterDivideByMinibatch(p.getParamName())
                            || c.getGradientNormalization() != null
                            && c.getGradientNormalization() != GradientNormalization.None) {
                        return declined;
                    }
                }
                GradientUpdater<?> u = block.getGradientUpdater();
                if (!(u instanceof KerasUpdater.Updater k)) {
                    return declined;
                }
                plan.updaters.add(u);
                if (block.getLayersAndVariablesInBlock().get(0).getLayer().numParams() == 0) {
                    plan.updates.add(null);   // DL4J skips a block without parameters
                    continue;
                }
                INDArray weights = flat.get(NDArrayIndex.interval(block.getParamOffsetStart(), block.getParamOffsetEnd()));
                INDArray gradient = block.getGradientView();
                plan.updates.add(k.prepare(weights, gradient.reshape(gradient.length())));
            }
            return plan;
        }

        /** Whether this plan (taken or declined) was made for {@code updater}'s current blocks and {@code params}. */
        boolean isFor(BaseMultiLayerUpdater<?> updater, INDArray params) {
            if (this.params != params || this.updater != updater) {
                return false;
            }
            for (int i = 0; i < updaters.size(); i++) {
                if (blocks.get(i).getGradientUpdater() != updaters.get(i)) {
                    return false;
                }
            }
            return true;
        }

        void apply(int batchSize, int iteration, int epoch) {
            for (int i = 0; i < updates.size(); i++) {
                Optimizer.WeightUpdate u = updates.get(i);
                if (u != null) {
                    KerasUpdater config = ((KerasUpdater.Updater) updaters.get(i)).getConfig();
                    u.apply(batchSize, config.getLearningRate(iteration, epoch), iteration);
                }
            }
        }
    }
}
