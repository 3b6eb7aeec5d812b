package dev.kerasj.internal.runtime;

import dev.kerasj.internal.Checks;
import dev.kerasj.layers.BaseRNN;
import dev.kerasj.layers.Bidirectional;
import dev.kerasj.layers.Embedding;
import dev.kerasj.layers.GRU;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.Masking;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's mask propagation, decided when a model is built: which input carries a mask (a {@link Masking}
 * layer or an {@code Embedding(mask_zero=true)} reading it), which layers it reaches, and which outputs are
 * still masked (their loss and metrics then ignore the masked steps). The mask itself is computed from the
 * input data for every batch ({@link #inputMasks}), so users never pass one.
 *
 * <p>What each layer does with an incoming mask is declared by the layer, as in Keras
 * ({@link Layer#supportsMasking()}, {@link Layer#propagatesMask()}): per-step layers (Activation, Dropout,
 * GaussianNoise, TimeDistributed, LayerNormalization) pass it on; recurrent layers skip the masked steps and
 * pass it on with return_sequences, or consume it without; GlobalAveragePooling1D averages the unmasked
 * steps and consumes it. Any other layer is refused with the reason: Keras would drop the mask there (with
 * a warning) and compute over the padded steps, where kerasj's values at masked steps differ from Keras's.
 */
public final class MaskPlan {
    private static final MaskPlan NONE = new MaskPlan(new Layer[0], new Layer[0], List.of());

    /** Per model input: the layer computing its mask, or null. */
    private final Layer[] sourceOfInput;
    /** Per model output: the mask source whose mask reaches it, or null. */
    private final Layer[] sourceOfOutput;
    /** DL4J's own recurrent layers reached by a mask: they need unmasked steps in one run per sample. */
    private final List<Layer> paddingOnly;

    private MaskPlan(Layer[] sourceOfInput, Layer[] sourceOfOutput, List<Layer> paddingOnly) {
        this.sourceOfInput = sourceOfInput;
        this.sourceOfOutput = sourceOfOutput;
        this.paddingOnly = List.copyOf(paddingOnly);
    }

    /** Whether {@code layer} computes a mask from its input (Masking, Embedding with mask_zero). */
    public static boolean isSource(Layer layer) {
        return layer.producesMask();
    }

    /** The plan of a Sequential: a mask source may only be its first layer. */
    public static MaskPlan sequential(List<Layer> layers) {
        Layer source = null;
        List<Layer> paddingOnly = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (isSource(l)) {
                if (i > 0) {
                    throw notAtInput(l);
                }
                source = l;
            } else if (source != null) {
                source = receive(l, source, paddingOnly);
            }
        }
        if (layers.isEmpty() || !isSource(layers.get(0))) {
            return NONE;
        }
        return new MaskPlan(new Layer[] {layers.get(0)}, new Layer[] {source}, paddingOnly);
    }

    /** The plan of a functional model over its applications ({@code nodes}, in dependency order). */
    public static MaskPlan functional(List<Input> inputs, List<KerasTensor> nodes, List<KerasTensor> outputs) {
        Map<KerasTensor, Layer> maskOf = new IdentityHashMap<>();
        Layer[] sourceOfInput = new Layer[inputs.size()];
        List<Layer> paddingOnly = new ArrayList<>();
        boolean any = false;
        for (KerasTensor node : nodes) {
            Layer l = node.layer();
            List<KerasTensor> in = node.inboundTensors();
            if (isSource(l)) {
                int k = in.size() == 1 ? indexOf(inputs, in.get(0)) : -1;
                if (k < 0) {
                    throw notAtInput(l);
                }
                if (sourceOfInput[k] != null && sourceOfInput[k] != l) {
                    throw new IllegalArgumentException("Input '" + inputs.get(k).name() + "' feeds two masking layers ('"
                            + sourceOfInput[k].name() + "' and '" + l.name() + "'); kerasj keeps one mask per input. "
                            + "Apply one masking layer and reuse its output.");
                }
                sourceOfInput[k] = l;
                maskOf.put(node, l);
                any = true;
                continue;
            }
            Layer incoming = null;
            for (KerasTensor t : in) {
                if (maskOf.get(t) != null) {
                    incoming = maskOf.get(t);
                }
            }
            if (incoming == null) {
                continue;
            }
            if (in.size() > 1) {
                throw unsupported(l, incoming, "merging masked tensors is not supported yet");
            }
            if (l.appliedCount() > 1 && !l.weightSpecs().isEmpty()) {
                throw unsupported(l, incoming, "a shared layer (applied more than once) cannot carry a mask yet");
            }
            if (l instanceof Bidirectional b && !b.layer().returnSequences()) {
                // the graph runtime has no mask-aware last-step adapter (the Sequential runtime has)
                throw unsupported(l, incoming, "in a functional model, a masked Bidirectional needs "
                        + "return_sequences=true for now (a Sequential supports both)");
            }
            Layer out = receive(l, incoming, paddingOnly);
            if (out != null) {
                maskOf.put(node, out);
            }
        }
        if (!any) {
            return NONE;
        }
        // DL4J keeps a mask per graph input, so a masked input must feed nothing but its masking layer.
        for (KerasTensor node : nodes) {
            if (!isSource(node.layer())) {
                for (KerasTensor t : node.inboundTensors()) {
                    int k = indexOf(inputs, t);
                    if (k >= 0 && sourceOfInput[k] != null) {
                        throw new IllegalArgumentException("Input '" + inputs.get(k).name() + "' feeds the masking "
                                + "layer '" + sourceOfInput[k].name() + "' and also layer '" + node.layer().name()
                                + "' directly; kerasj's mask belongs to the whole input. Give the other branch its own "
                                + "Input, or read it after the masking layer.");
                    }
                }
            }
        }
        Layer[] sourceOfOutput = new Layer[outputs.size()];
        for (int j = 0; j < outputs.size(); j++) {
            sourceOfOutput[j] = maskOf.get(outputs.get(j));
        }
        return new MaskPlan(sourceOfInput, sourceOfOutput, paddingOnly);
    }

    private static int indexOf(List<Input> inputs, KerasTensor t) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == t) {
                return i;
            }
        }
        return -1;
    }

    /** What {@code layer} does with the mask of {@code source}: the mask after it (or null), or a refusal. */
    private static Layer receive(Layer layer, Layer source, List<Layer> paddingOnly) {
        if (!layer.supportsMasking()) {
            throw unsupported(layer, source, "Keras would drop the mask there (with a warning) and compute over the "
                    + "masked steps too, and kerasj's values at masked steps differ from Keras's");
        }
        if (layer instanceof BaseRNN<?> rnn && rnn.returnState() && rnn.returnSequences()) {
            // the sequence leaves packed with the states, and DL4J's mask does not follow it
            throw unsupported(layer, source, "with return_state=true and return_sequences=true kerasj cannot pass "
                    + "the mask on with the sequence yet (return_state with return_sequences=false is supported)");
        }
        if (layer instanceof BaseRNN<?> && !(layer instanceof GRU) || layer instanceof Bidirectional) {
            paddingOnly.add(layer); // DL4J's own recurrent layers: unmasked steps in one run per sample
        }
        return layer.propagatesMask() ? source : null;
    }

    private static IllegalArgumentException notAtInput(Layer l) {
        return new IllegalArgumentException("Layer '" + l.name() + "' (" + l.className() + (l instanceof Embedding
                ? ", mask_zero=true" : "") + ") must read a model Input directly: kerasj computes the mask from the "
                + "input data. Make it the model's first layer (in a functional model, apply it to an Input).");
    }

    private static IllegalArgumentException unsupported(Layer l, Layer source, String why) {
        return new IllegalArgumentException("Layer '" + l.name() + "' (" + l.className() + ") does not support masking, "
                + "but it receives the mask of layer '" + source.name() + "' (" + source.className() + "): " + why
                + ". Consume the mask first (a recurrent layer without return_sequences, or GlobalAveragePooling1D), "
                + "or remove the masking.");
    }

    /** Whether the model computes any mask. */
    public boolean active() {
        return sourceOfInput.length > 0;
    }

    /**
     * The masks {@code (batch, timesteps)} (1 kept, 0 masked) of a batch, one per model input (null for an
     * input without one), or {@code null} when the model has no mask. Checks what DL4J's SimpleRNN, LSTM
     * and Bidirectional need: some unmasked step in every sample, and the unmasked steps in one run
     * (padding at the start and/or the end, as Keras's pad_sequences makes).
     */
    public INDArray[] inputMasks(INDArray[] inputs) {
        if (!active()) {
            return null;
        }
        INDArray[] masks = new INDArray[sourceOfInput.length];
        for (int i = 0; i < masks.length; i++) {
            if (sourceOfInput[i] != null) {
                masks[i] = compute(sourceOfInput[i], inputs[i]);
                check(masks[i], sourceOfInput[i]);
            }
        }
        return masks;
    }

    /**
     * The inputs as the masking layers output them: a {@link Masking} layer's input with its masked steps
     * zeroed ({@code x · mask}, Keras's Masking output), computed here since Masking reads a model input;
     * other inputs unchanged.
     */
    public INDArray[] masked(INDArray[] inputs, INDArray[] masks) {
        if (masks == null) {
            return inputs;
        }
        INDArray[] out = inputs.clone();
        for (int i = 0; i < out.length; i++) {
            if (sourceOfInput[i] instanceof Masking) {
                INDArray m = masks[i].castTo(inputs[i].dataType());
                out[i] = inputs[i].mul(m.reshape(m.size(0), m.size(1), 1).broadcast(inputs[i].shape()));
            }
        }
        return out;
    }

    /** The mask of each model output {@code (batch, timesteps)}, or null for an unmasked output. */
    public INDArray[] outputMasks(INDArray[] inputMasks) {
        INDArray[] out = new INDArray[sourceOfOutput.length];
        for (int j = 0; j < out.length; j++) {
            if (sourceOfOutput[j] != null) {
                for (int i = 0; i < sourceOfInput.length; i++) {
                    if (sourceOfInput[i] == sourceOfOutput[j]) {
                        out[j] = inputMasks[i];
                    }
                }
            }
        }
        return out;
    }

    /** Keras's mask of one source: Masking: any feature ≠ mask_value; Embedding: id ≠ 0. */
    static INDArray compute(Layer source, INDArray input) {
        if (source instanceof Masking m) {
            return input.neq(m.maskValue()).castTo(DataType.FLOAT).max(2);
        }
        return input.neq(0).castTo(DataType.FLOAT).reshape(input.size(0), input.size(1));
    }

    private void check(INDArray mask, Layer source) {
        float[][] m = mask.toFloatMatrix();
        for (int s = 0; s < m.length; s++) {
            int runs = 0;
            boolean any = false;
            for (int t = 0; t < m[s].length; t++) {
                if (m[s][t] != 0 && (t == 0 || m[s][t - 1] == 0)) {
                    runs++;
                }
                any |= m[s][t] != 0;
            }
            if (!any && !paddingOnly.isEmpty()) {
                throw new IllegalArgumentException("Sample " + s + " of the batch is entirely masked by layer '"
                        + source.name() + "' (" + source.className() + "): every step is padding. kerasj's recurrent "
                        + "layers need at least one unmasked step per sample; drop empty sequences from the data.");
            }
            if (runs > 1 && !paddingOnly.isEmpty()) {
                Layer l = paddingOnly.get(0);
                throw new IllegalArgumentException("Sample " + s + " has masked steps between unmasked ones (mask "
                        + java.util.Arrays.toString(rounded(m[s])) + " from layer '" + source.name() + "'), but layer '"
                        + l.name() + "' (" + l.className() + ") skips only padding at the start or the end of a "
                        + "sequence (Keras's pad_sequences 'pre' or 'post'). Pad at one end, or use GRU, which "
                        + "skips any masked step.");
            }
        }
    }

    private static int[] rounded(float[] row) {
        int[] out = new int[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i] != 0 ? 1 : 0;
        }
        return out;
    }
}
