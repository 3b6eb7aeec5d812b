package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.runtime.Engine;
import dev.kerasj.internal.runtime.NetworkRuntime;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.losses.Loss;
import dev.kerasj.optimizers.Optimizer;

import java.util.List;
import java.util.SplittableRandom;

/** The DL4J/ND4J engine: DL4J networks for kerasj models (found by {@link Engine#get()}). */
public final class Dl4jEngine implements Engine {
    @Override
    public NetworkRuntime sequential(long[] inputShape, List<Layer> layers, Optimizer optimizer, Loss loss,
                                     SplittableRandom rng) {
        return Dl4jSequentialRuntime.create(inputShape, layers, optimizer, loss, rng);
    }

    @Override
    public NetworkRuntime graph(List<Input> inputs, List<KerasTensor> nodes, List<KerasTensor> outputs, Optimizer optimizer,
                                List<Loss> losses, double[] lossWeights, SplittableRandom rng) {
        return Dl4jGraphRuntime.create(inputs, nodes, outputs, optimizer, losses, lossWeights, rng);
    }
}
