package dev.kerasj;

import dev.kerasj.layers.LayerBindings;
import dev.kerasj.internal.runtime.NetworkRuntime;
import dev.kerasj.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A model's engine and the weights around it: the runtime is built on demand and rebuilt after compile,
 * freezing or a structural change, keeping every layer's weights — from the previous runtime for layers it
 * held, from the model a layer was taken from for reused layers (transfer learning), freshly drawn
 * otherwise. Optimizer state, step count and learning rate survive a rebuild unless compile() or a
 * structural change reset the optimizer. The model's layers reach their weights through it
 * ({@link LayerBindings}).
 */
final class RuntimeHolder {
    private final Model model;
    private final Supplier<NetworkRuntime> factory;
    private NetworkRuntime runtime;
    private boolean stale;
    private boolean resetOptimizer;
    /** The layers the current runtime holds. */
    private final Set<Layer> runtimeLayers = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Weights of layers taken from another model (written into the next runtime) and of popped layers. */
    private final Map<Layer, List<INDArray>> carriedWeights = new IdentityHashMap<>();
    private final Binding binding = new Binding();

    /** {@code factory} builds a fresh runtime for the model's current layers and compile settings. */
    RuntimeHolder(Model model, Supplier<NetworkRuntime> factory) {
        this.model = model;
        this.factory = factory;
    }

    /** The runtime, (re)built when missing or out of date. */
    NetworkRuntime get() {
        if (runtime != null && !stale) {
            return runtime;
        }
        NetworkRuntime old = runtime;
        Backend.configure();   // thread counts chosen before the first network runs
        NetworkRuntime fresh = factory.get();
        List<Layer> layers = model.layers();
        for (Layer l : layers) {
            if (l.weightSpecs().isEmpty()) {
                continue;
            }
            if (old != null && runtimeLayers.contains(l)) {
                fresh.setWeights(l, old.getWeights(l));
            } else if (carriedWeights.containsKey(l)) {
                fresh.setWeights(l, carriedWeights.get(l));
            }
        }
        if (old != null && !resetOptimizer) {
            try {
                fresh.setOptimizerState(old.optimizerState());
            } catch (IllegalArgumentException e) {
                // Freezing changes which parameters have optimizer state; Keras recompiles then too.
            }
            fresh.setIterations(old.iterations());
            double lr = old.learningRate();
            if (model.optimizer() != null && Double.isFinite(lr) && lr > 0) {
                fresh.setLearningRate(lr);
            }
        }
        carriedWeights.clear();
        if (old != null) {
            // Popped layers keep their weights (readable, and reusable in another model).
            for (Layer l : runtimeLayers) {
                if (!layers.contains(l) && !l.weightSpecs().isEmpty()) {
                    carriedWeights.put(l, old.getWeights(l));
                }
            }
        }
        runtime = fresh;
        runtimeLayers.clear();
        runtimeLayers.addAll(layers);
        stale = false;
        resetOptimizer = false;
        bindLayers();
        return runtime;
    }

    /** After compile: Keras keeps the weights and starts the optimizer afresh. */
    void compiled() {
        structureChanged();
    }

    /** After a layer was added or removed: rebuilt at the next use, weights kept, optimizer reset. */
    void structureChanged() {
        if (runtime != null) {
            stale = true;
            resetOptimizer = true;
        }
    }

    /**
     * Lets each layer reach its weights through this model (they are drawn when first needed). A layer
     * that belonged to another model brings that model's current weights along (copied, not shared as in
     * Keras: training one model afterwards does not change the other).
     */
    void bindLayers() {
        for (Layer l : model.layers()) {
            LayerBindings.Owner previous = LayerBindings.ownerOf(l);
            if (previous instanceof Binding other && other != binding && !l.weightSpecs().isEmpty()) {
                List<INDArray> w = other.weightsToCarry(l);
                if (w != null) {
                    carriedWeights.put(l, w);
                    stale = true;
                }
            }
            LayerBindings.bind(l, binding);
        }
    }

    /** What this model offers its layers through {@link LayerBindings}. */
    private final class Binding implements LayerBindings.Owner {
        @Override
        public List<INDArray> getWeights(Layer layer) {
            if (model.layers().contains(layer)) {
                return model.runtime().getWeights(layer);
            }
            List<INDArray> kept = weightsToCarry(layer);
            if (kept != null) {
                return kept;
            }
            throw new IllegalStateException("Layer '" + layer.name() + "' is no longer part of model '" + model.name() + "'.");
        }

        @Override
        public void setWeights(Layer layer, List<INDArray> weights) {
            model.runtime().setWeights(layer, weights);
        }

        @Override
        public void layerChanged(Layer layer) {
            stale = true;
        }

        /** The layer's current weights when this model has drawn them (else null: nothing to carry over). */
        List<INDArray> weightsToCarry(Layer layer) {
            if (carriedWeights.containsKey(layer)) {
                List<INDArray> copy = new ArrayList<>();
                carriedWeights.get(layer).forEach(w -> copy.add(w.dup()));
                return copy;
            }
            if (runtime != null && runtimeLayers.contains(layer)) {
                return runtime.getWeights(layer);
            }
            return null;
        }
    }
}
