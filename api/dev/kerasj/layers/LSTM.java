package dev.kerasj.layers;

import dev.kerasj.activations.Activations;
import dev.kerasj.initializers.Initializer;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Long short-term memory (Hochreiter 1997), as Keras's {@code LSTM}. For each step, with
 * {@code z = x_t·kernel + h_{t−1}·recurrent_kernel + bias} split into four blocks of {@code units} in
 * Keras's order i, f, c, o:
 * <pre>
 *   i = σ(z_i), f = σ(z_f), o = σ(z_o)          (σ = recurrent_activation, default sigmoid)
 *   c_t = f ⊙ c_{t−1} + i ⊙ tanh(z_c)           (tanh = activation)
 *   h_t = o ⊙ tanh(c_t)
 * </pre>
 * Input {@code (batch, timesteps, features)}; output {@code (batch, units)} (last step) or, with
 * {@code returnSequences(true)}, {@code (batch, timesteps, units)}. Kernel {@code (features, 4·units)},
 * recurrent_kernel {@code (units, 4·units)}, bias {@code (4·units,)}; parameters
 * {@code 4·units·(features + units + 1)}. Defaults, as Keras: activation "tanh", recurrent_activation
 * "sigmoid", use_bias true, unit_forget_bias true (forget-gate bias starts at 1), kernel
 * "glorot_uniform", recurrent "orthogonal", bias "zeros"; see {@link BaseRNN} for the rest.
 *
 * <pre>{@code
 * new Sequential(new Input(120, 14), new LSTM(32), new Dense(1))   // 4·32·(14+32+1) = 6,016 LSTM params
 * }</pre>
 */
public final class LSTM extends BaseRNN<LSTM> {
    private String recurrentActivation = "sigmoid";
    private boolean unitForgetBias = true;

    public LSTM(int units) {
        super(units);
    }

    @Override
    protected int gates() {
        return 4;
    }

    @Override
    protected int stateCount() {
        return 2;
    }

    public String recurrentActivation() {
        return recurrentActivation;
    }

    public boolean unitForgetBias() {
        return unitForgetBias;
    }

    /** The gates' activation (default {@code "sigmoid"}). */
    public LSTM recurrentActivation(String name) {
        checkConfigurable("recurrent_activation");
        this.recurrentActivation = Activations.canonical(name);
        return this;
    }

    /** Whether the forget gate's bias starts at 1 (added to bias_initializer's value; default true). */
    public LSTM unitForgetBias(boolean unitForgetBias) {
        checkConfigurable("unit_forget_bias");
        this.unitForgetBias = unitForgetBias;
        return this;
    }

    @Override
    protected Initializer builtBiasInitializer() {
        return unitForgetBias ? new UnitForgetBias(biasInitializer(), units()) : biasInitializer();
    }

    @Override
    protected Map<String, Object> cellConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("recurrent_activation", recurrentActivation);
        c.put("unit_forget_bias", unitForgetBias);
        return c;
    }

    /** Rebuilds an LSTM layer from its Keras config. */
    public static LSTM fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("LSTM", config);
        LSTM l = new LSTM(r.integer("units"));
        l.recurrentActivation(r.string("recurrent_activation", "sigmoid"));
        l.unitForgetBias(r.bool("unit_forget_bias", true));
        return l.applyRnnConfig(r);
    }

    /** Keras's unit_forget_bias: the base initializer's values for i and c, o; ones for f. */
    private static final class UnitForgetBias extends Initializer {
        private final Initializer base;
        private final int units;

        UnitForgetBias(Initializer base, int units) {
            super(null);
            this.base = base;
            this.units = units;
        }

        @Override
        protected void fill(float[] values, long[] shape, SplittableRandom rng) {
            float[] b = base.generate(new long[] {units}, rng).toFloatVector();
            float[] rest = base.generate(new long[] {2L * units}, rng).toFloatVector();
            System.arraycopy(b, 0, values, 0, units);
            java.util.Arrays.fill(values, units, 2 * units, 1f);
            System.arraycopy(rest, 0, values, 2 * units, 2 * units);
        }

        @Override
        public String className() {
            return base.className();
        }

        @Override
        public Map<String, Object> getConfig() {
            return base.getConfig();
        }
    }
}
