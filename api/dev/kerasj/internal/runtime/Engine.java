package dev.kerasj.internal.runtime;

import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.losses.Loss;
import dev.kerasj.optimizers.Optimizer;

import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;

/**
 * An engine that runs kerasj models: it turns a model's layers into a {@link NetworkRuntime}. The API
 * never names an engine; it finds the one on the class path through {@link ServiceLoader} (the DL4J/ND4J
 * engine, {@code dev.kerasj.internal.dl4j.Dl4jEngine}, registered in
 * {@code META-INF/services/dev.kerasj.internal.runtime.Engine}), as DJL finds its engines.
 */
public interface Engine {
    /** A runtime for a linear stack of built {@code layers} on samples of {@code inputShape}. */
    // rng: where initial weights are drawn from; null when the caller writes every weight next (a file being loaded)
    NetworkRuntime sequential(long[] inputShape, List<Layer> layers, Optimizer optimizer, Loss loss, SplittableRandom rng);

    /**
     * A runtime for a graph: its inputs, the layer applications ({@code nodes}, each after the tensors it
     * reads) and outputs, with one loss per output (or {@code null} before compile) weighted by {@code lossWeights}.
     */
    NetworkRuntime graph(List<Input> inputs, List<KerasTensor> nodes, List<KerasTensor> outputs, Optimizer optimizer,
                         List<Loss> losses, double[] lossWeights, SplittableRandom rng);

    /** The engine on the class path (the first one found), loaded once. */
    static Engine get() {
        return Holder.ENGINE;
    }

    /** Lazy, thread-safe loading of the engine. */
    final class Holder {
        private static final Engine ENGINE = ServiceLoader.load(Engine.class, Engine.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No kerasj engine on the class path: the DL4J engine"
                        + " (META-INF/services/" + Engine.class.getName() + ") is missing from the kerasj jar."));

        private Holder() {
        }
    }
}
