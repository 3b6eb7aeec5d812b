package dev.kerasj.layers;

import dev.kerasj.initializers.Initializer;
import dev.kerasj.initializers.Initializers;
import dev.kerasj.initializers.RandomUniform;
import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;
import dev.kerasj.regularizers.Regularizer;
import dev.kerasj.regularizers.Regularizers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns integer ids into dense vectors: {@code out[t] = embeddings[id_t]}, as Keras's {@code Embedding}.
 *
 * <p>Input {@code (batch, sequence_length)} of ids in {@code [0, input_dim)}; output
 * {@code (batch, sequence_length, output_dim)}. Weight embeddings {@code (input_dim, output_dim)};
 * parameters {@code input_dim·output_dim}. Defaults, as Keras: embeddings_initializer "uniform"
 * (U(−0.05, 0.05)), no regularizer, mask_zero false.
 *
 * <p>With {@code maskZero(true)} id 0 is padding: the mask {@code ids != 0} reaches the layers after it,
 * as a {@link Masking} layer's does (recurrent layers skip the padded steps, a loss on a sequence output
 * ignores them). As in Keras, {@code input_dim} stays as given (id 0 still has a row; parameters
 * {@code input_dim·output_dim}), so a vocabulary of n words needs {@code input_dim = n + 1}. kerasj
 * computes the mask from the model's input, so a masking Embedding must read an {@link Input} directly.
 *
 * <pre>{@code
 * new Sequential(new Input(100), new Embedding(10000, 32).maskZero(true), new LSTM(32), new Dense(1, "sigmoid"))
 * }</pre>
 */
public final class Embedding extends BaseLayer<Embedding> {
    private final int inputDim;
    private final int outputDim;
    private Initializer embeddingsInitializer = new RandomUniform();
    private Regularizer embeddingsRegularizer;
    private boolean maskZero;

    /** A table of {@code inputDim} ids (the vocabulary size) to vectors of {@code outputDim}. */
    public Embedding(int inputDim, int outputDim) {
        this.inputDim = Checks.positive("input_dim", inputDim);
        this.outputDim = Checks.positive("output_dim", outputDim);
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    public Initializer embeddingsInitializer() {
        return embeddingsInitializer;
    }

    public Regularizer embeddingsRegularizer() {
        return embeddingsRegularizer;
    }

    public boolean maskZero() {
        return maskZero;
    }

    public Embedding embeddingsInitializer(String name) {
        return embeddingsInitializer(Initializers.get(name));
    }

    /** How the table starts (default "uniform", U(−0.05, 0.05)). */
    public Embedding embeddingsInitializer(Initializer init) {
        checkConfigurable("embeddings_initializer");
        this.embeddingsInitializer = Checks.notNull("embeddings_initializer", init);
        return this;
    }

    public Embedding embeddingsRegularizer(String name) {
        return embeddingsRegularizer(Regularizers.get(name));
    }

    /** The table's penalty (default none). */
    public Embedding embeddingsRegularizer(Regularizer r) {
        checkConfigurable("embeddings_regularizer");
        this.embeddingsRegularizer = r;
        return this;
    }

    /** Whether id 0 is padding, masked for the layers after this one (default false). */
    public Embedding maskZero(boolean maskZero) {
        checkConfigurable("mask_zero");
        this.maskZero = maskZero;
        return this;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw incompatible(inputShape, "(None, sequence_length) of integer ids",
                    "Give the model Input(sequence_length) and integer ids per step.");
        }
        return new long[] {inputShape[0], outputDim};
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        return List.of(new WeightSpec("embeddings", new long[] {inputDim, outputDim}, embeddingsInitializer,
                embeddingsRegularizer, true));
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("embeddings_initializer", embeddingsInitializer.serialize());
        c.put("embeddings_regularizer", embeddingsRegularizer == null ? null : embeddingsRegularizer.serialize());
        c.put("mask_zero", maskZero);
        return c;
    }

    /** Rebuilds an Embedding layer from its Keras config. */
    public static Embedding fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Embedding", config);
        Embedding e = new Embedding(r.integer("input_dim"), r.integer("output_dim"));
        if (r.has("embeddings_initializer")) {
            e.embeddingsInitializer(Initializers.deserialize(r.raw("embeddings_initializer")));
        }
        e.embeddingsRegularizer(Regularizers.deserialize(r.raw("embeddings_regularizer")));
        e.maskZero(r.bool("mask_zero", false));
        e.applyCommonConfig(r);
        return e;
    }

    /** Creates a mask from the input: with {@code mask_zero}, id 0 is masked. */
    @Override
    public boolean producesMask() {
        return maskZero();
    }
}
