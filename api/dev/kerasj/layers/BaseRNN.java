package dev.kerasj.layers;

import dev.kerasj.initializers.Initializer;
import dev.kerasj.initializers.Initializers;
import dev.kerasj.initializers.Orthogonal;
import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import dev.kerasj.regularizers.Regularizer;
import dev.kerasj.regularizers.Regularizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options shared by the recurrent layers ({@link SimpleRNN}, {@link LSTM}, {@link GRU}): {@code units} cells read
 * a sequence {@code (batch, timesteps, features)} step by step.
 *
 * <p>Output: the last step's state {@code (batch, units)}, or with {@code returnSequences(true)} every
 * step's {@code (batch, timesteps, units)}. Weights, with {@code G} gates (SimpleRNN 1, LSTM 4): kernel
 * {@code (features, G·units)}, recurrent_kernel {@code (units, G·units)}, bias {@code (G·units,)};
 * parameters {@code G·units·(features + units + 1)}. Defaults, as Keras: activation "tanh", use_bias
 * true, kernel_initializer "glorot_uniform", recurrent_initializer "orthogonal", bias_initializer
 * "zeros", no regularizers, dropout 0, recurrent_dropout 0, return_sequences false, return_state false,
 * go_backwards false.
 *
 * @param <T> the concrete layer type
 */
public abstract class BaseRNN<T extends BaseRNN<T>> extends KernelLayer<T> {
    private final int units;
    private Initializer recurrentInitializer = new Orthogonal();
    private Regularizer recurrentRegularizer;
    private double dropout;
    private double recurrentDropout;
    private boolean returnSequences;
    private boolean returnState;

    protected BaseRNN(int units) {
        super("tanh");
        this.units = Checks.positive("units", units);
    }

    /** The number of gate blocks in the kernels (SimpleRNN 1, LSTM 4). */
    protected abstract int gates();

    public int units() {
        return units;
    }




    public Initializer recurrentInitializer() {
        return recurrentInitializer;
    }



    public Regularizer recurrentRegularizer() {
        return recurrentRegularizer;
    }


    public double dropout() {
        return dropout;
    }

    public double recurrentDropout() {
        return recurrentDropout;
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    public boolean returnState() {
        return returnState;
    }





    public T recurrentInitializer(String name) {
        return recurrentInitializer(Initializers.get(name));
    }

    /** How the recurrent kernel starts (default {@code "orthogonal"}). */
    public T recurrentInitializer(Initializer init) {
        checkConfigurable("recurrent_initializer");
        this.recurrentInitializer = Checks.notNull("recurrent_initializer", init);
        return self();
    }





    public T recurrentRegularizer(String name) {
        return recurrentRegularizer(Regularizers.get(name));
    }

    /** The recurrent kernel's penalty (default none). */
    public T recurrentRegularizer(Regularizer r) {
        checkConfigurable("recurrent_regularizer");
        this.recurrentRegularizer = r;
        return self();
    }



    /**
     * The fraction of the inputs dropped while training (default 0), as Keras: one mask of 0 and
     * {@code 1/(1 − rate)} over {@code (batch, features)} is drawn per batch and applied at every step.
     */
    public T dropout(double rate) {
        checkConfigurable("dropout");
        this.dropout = Checks.inRange("dropout", rate, 0.0, 1.0, false);
        return self();
    }

    /**
     * The fraction of the recurrent state {@code h_{t−1}} dropped while training (default 0), as Keras:
     * one mask over {@code (batch, units)} per batch (per gate block for LSTM and GRU), reused at every
     * step. A non-zero rate runs kerasj's own (unrolled, slower) implementation instead of DL4J's.
     */
    public T recurrentDropout(double rate) {
        checkConfigurable("recurrent_dropout");
        this.recurrentDropout = Checks.inRange("recurrent_dropout", rate, 0.0, 1.0, false);
        return self();
    }

    /** Whether to return every step's output {@code (timesteps, units)} rather than the last (default false). */
    public T returnSequences(boolean returnSequences) {
        checkConfigurable("return_sequences");
        this.returnSequences = returnSequences;
        return self();
    }

    /**
     * Whether to also return the final states (default false), as Keras: {@link #applyAll} then gives
     * {@code [output, state_h]} (SimpleRNN, GRU) or {@code [output, state_h, state_c]} (LSTM), each state
     * {@code (batch, units)}. A layer in a {@code Sequential} has one output, so this needs the functional
     * API; it runs kerasj's own (unrolled) implementation. Passing states back as {@code initial_state} is
     * not supported.
     */
    public T returnState(boolean returnState) {
        checkConfigurable("return_state");
        this.returnState = returnState;
        return self();
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 2) {
            throw incompatible(inputShape, "ndim=3, i.e. (None, timesteps, features)", inputShape.length == 1
                    ? "A recurrent layer reads sequences; give each sample a time axis, e.g. Input(" + inputShape[0]
                    + ", 1) or Reshape(" + inputShape[0] + ", 1) for one feature per step."
                    : "Flatten or reshape the input to (timesteps, features).");
        }
        return returnSequences ? new long[] {inputShape[0], units} : new long[] {units};
    }

    /** How many states the cell carries: h (SimpleRNN, GRU), or h and c (LSTM). */
    protected int stateCount() {
        return 1;
    }

    /** 1, or with {@code returnState(true)} 1 + the states (LSTM 3, GRU and SimpleRNN 2). */
    @Override
    public int outputCount() {
        return returnState ? 1 + stateCount() : 1;
    }

    @Override
    protected String multipleOutputsReason() {
        return " (return_state=true)";
    }

    /** The output's shape, then with {@code returnState(true)} each final state's {@code (units)}. */
    @Override
    public List<long[]> outputShapes() {
        List<long[]> shapes = new ArrayList<>();
        shapes.add(outputShape());
        for (int i = 1; i < outputCount(); i++) {
            shapes.add(new long[] {units});
        }
        return shapes;
    }

    /** The bias initializer as built (LSTM's unit_forget_bias adds ones to the forget gate). */
    protected Initializer builtBiasInitializer() {
        return biasInitializer();
    }

    /** The bias's shape: {@code (G·units,)}; GRU's {@code (2, 3·units)} holds input and recurrent biases. */
    protected long[] biasShape() {
        return new long[] {(long) gates() * units};
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        long g = (long) gates() * units;
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("kernel", new long[] {inputShape[1], g}, kernelInitializer(), kernelRegularizer(), true));
        w.add(new WeightSpec("recurrent_kernel", new long[] {units, g}, recurrentInitializer, recurrentRegularizer, true));
        if (useBias()) {
            w.add(new WeightSpec("bias", biasShape(), builtBiasInitializer(), biasRegularizer(), true));
        }
        return w;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("return_sequences", returnSequences);
        c.put("return_state", returnState);
        c.put("go_backwards", false);
        c.put("stateful", false);
        c.put("unroll", false);
        c.put("units", units);
        c.put("activation", activation());
        c.putAll(cellConfig());
        c.put("use_bias", useBias());
        c.put("kernel_initializer", kernelInitializer().serialize());
        c.put("recurrent_initializer", recurrentInitializer.serialize());
        c.put("bias_initializer", biasInitializer().serialize());
        c.put("kernel_regularizer", kernelRegularizer() == null ? null : kernelRegularizer().serialize());
        c.put("recurrent_regularizer", recurrentRegularizer == null ? null : recurrentRegularizer.serialize());
        c.put("bias_regularizer", biasRegularizer() == null ? null : biasRegularizer().serialize());
        c.put("dropout", dropout);
        c.put("recurrent_dropout", recurrentDropout);
        return c;
    }

    /** The cell's own options (LSTM: recurrent_activation, unit_forget_bias). */
    protected Map<String, Object> cellConfig() {
        return Map.of();
    }

    /** Applies the shared options of a saved config (everything but {@code units}). */
    protected final T applyRnnConfig(ConfigReader r) {
        // `unroll` only trades memory for speed in Keras (the numbers are the same), so it is accepted and ignored
        for (String unsupported : new String[] {"go_backwards", "stateful"}) {
            if (r.bool(unsupported, false)) {
                throw new IllegalArgumentException("Invalid " + className() + " config: `" + unsupported
                        + "`=true is not supported.");
            }
        }
        activation(r.string("activation", "tanh"));
        useBias(r.bool("use_bias", true));
        if (r.has("kernel_initializer")) {
            kernelInitializer(Initializers.deserialize(r.raw("kernel_initializer")));
        }
        if (r.has("recurrent_initializer")) {
            recurrentInitializer(Initializers.deserialize(r.raw("recurrent_initializer")));
        }
        if (r.has("bias_initializer")) {
            biasInitializer(Initializers.deserialize(r.raw("bias_initializer")));
        }
        kernelRegularizer(Regularizers.deserialize(r.raw("kernel_regularizer")));
        recurrentRegularizer(Regularizers.deserialize(r.raw("recurrent_regularizer")));
        biasRegularizer(Regularizers.deserialize(r.raw("bias_regularizer")));
        dropout(r.number("dropout", 0.0));
        recurrentDropout(r.number("recurrent_dropout", 0.0));
        returnSequences(r.bool("return_sequences", false));
        returnState(r.bool("return_state", false));
        applyCommonConfig(r);
        return self();
    }

    /** Masks are supported: the masked steps are skipped; the mask continues with {@code return_sequences}, else it is consumed. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public boolean propagatesMask() {
        return returnSequences();
    }
}
