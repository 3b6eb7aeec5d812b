package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * A fully-connected recurrent layer, as Keras's {@code SimpleRNN}:
 * {@code h_t = activation(x_t·kernel + h_{t−1}·recurrent_kernel + bias)}, {@code h_0 = 0}.
 *
 * <p>Input {@code (batch, timesteps, features)}; output {@code (batch, units)} (last step) or, with
 * {@code returnSequences(true)}, {@code (batch, timesteps, units)}. Kernel {@code (features, units)},
 * recurrent_kernel {@code (units, units)}, bias {@code (units,)}; parameters
 * {@code units·(features + units + 1)}. Defaults as {@link BaseRNN} (activation "tanh", recurrent
 * initializer "orthogonal", …).
 *
 * <pre>{@code
 * new Sequential(new Input(10, 1), new SimpleRNN(8), new Dense(1))   // 8·(1+8+1) = 80 RNN params
 * }</pre>
 */
public final class SimpleRNN extends BaseRNN<SimpleRNN> {
    public SimpleRNN(int units) {
        super(units);
    }

    @Override
    protected int gates() {
        return 1;
    }

    /** Rebuilds a SimpleRNN layer from its Keras config. */
    public static SimpleRNN fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("SimpleRNN", config);
        return new SimpleRNN(r.integer("units")).applyRnnConfig(r);
    }
}
