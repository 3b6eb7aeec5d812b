package dev.kerasj.layers;

import dev.kerasj.activations.Activations;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gated recurrent unit (Cho et al. 2014), as Keras 3's {@code GRU} with {@code reset_after=true}. For
 * each step, with gate blocks in Keras's order z, r, h:
 * <pre>
 *   x = x_t·kernel + bias[0];  m = h_{t−1}·recurrent_kernel + bias[1]
 *   z = σ(x_z + m_z);  r = σ(x_r + m_r);  ĥ = tanh(x_h + r ⊙ m_h)
 *   h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ
 * </pre>
 * Input {@code (batch, timesteps, features)}; output {@code (batch, units)} or, with
 * {@code returnSequences(true)}, {@code (batch, timesteps, units)}. Kernel {@code (features, 3·units)},
 * recurrent_kernel {@code (units, 3·units)}, bias {@code (2, 3·units)}; parameters
 * {@code 3·units·(features + units + 2)}. Defaults, as Keras: activation "tanh", recurrent_activation
 * "sigmoid", reset_after true (false: the original GRU, Keras 2's default), kernel "glorot_uniform", recurrent
 * "orthogonal", bias "zeros"; see {@link BaseRNN}.
 *
 * <pre>{@code
 * new Sequential(new Input(120, 14), new GRU(32), new Dense(1))   // 3·32·(14+32+2) = 4,608 GRU params
 * }</pre>
 */
public final class GRU extends BaseRNN<GRU> {
    private String recurrentActivation = "sigmoid";
    private boolean resetAfter = true;

    public GRU(int units) {
        super(units);
    }

    @Override
    protected int gates() {
        return 3;
    }

    @Override
    protected long[] biasShape() {
        return resetAfter ? new long[] {2, 3L * units()} : new long[] {3L * units()};
    }

    public String recurrentActivation() {
        return recurrentActivation;
    }

    /** The gates' activation (default {@code "sigmoid"}). */
    public GRU recurrentActivation(String name) {
        checkConfigurable("recurrent_activation");
        this.recurrentActivation = Activations.canonical(name);
        return this;
    }

    /** Whether the reset gate applies after the recurrent kernel (Keras 3's default true; Keras 1/2's false). */
    public boolean resetAfter() {
        return resetAfter;
    }

    /**
     * {@code false}: the original GRU (Keras 2's default), {@code ĥ = act(x_h + (r ⊙ h_{t−1})·U_h)} with one bias
     * {@code (3·units,)}; parameters {@code 3·units·(features + units + 1)}.
     */
    public GRU resetAfter(boolean resetAfter) {
        checkConfigurable("reset_after");
        this.resetAfter = resetAfter;
        return this;
    }

    @Override
    protected Map<String, Object> cellConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("recurrent_activation", recurrentActivation);
        c.put("reset_after", resetAfter);
        return c;
    }

    /** Rebuilds a GRU layer from its Keras config. */
    public static GRU fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("GRU", config);
        GRU g = new GRU(r.integer("units"));
        g.resetAfter(r.bool("reset_after", true));
        g.recurrentActivation(r.string("recurrent_activation", "sigmoid"));
        return g.applyRnnConfig(r);
    }
}
