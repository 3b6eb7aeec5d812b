package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras 3's GRU ({@code reset_after=true}) as a DL4J {@link SameDiffLayer}, since DL4J has no GRU layer.
 * Each gate block (z, r, h) of Keras's kernel {@code (in, 3u)}, recurrent_kernel {@code (u, 3u)} and bias
 * {@code (2, 3u)} (input bias, recurrent bias) is its own parameter here ({@code Wz, Uz, bz, rbz,
 * …}); the translator splits and joins them. For each step of the NWC input {@code (batch, T, in)}:
 * <pre>
 *   x = x_t·kernel + bias[0];  m = h_{t−1}·recurrent_kernel + bias[1]
 *   z = σ(x_z + m_z);  r = σ(x_r + m_r);  ĥ = act(x_h + r ⊙ m_h)
 *   h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ,  h_0 = 0
 * </pre>
 * With Keras's mask {@code m (batch, T)} (DL4J's feature mask; all ones without one) a masked step keeps
 * the state and repeats the previous output, as Keras: {@code h_t = h_{t−1} + m_t ⊙ (h'_t − h_{t−1})}.
 * The T steps are unrolled in the graph (T is fixed when the model is built).
 */
public class GruSameDiffLayer extends CorrectedSameDiffLayer {
    private long nIn;
    private long units;
    private long timesteps;
    private boolean returnSequences;
    private boolean useBias = true;
    private String activation = "tanh";
    private String recurrentActivation = "sigmoid";

    /** For JSON. */
    public GruSameDiffLayer() {
    }

    public GruSameDiffLayer(String name, long nIn, long units, long timesteps, boolean returnSequences, boolean useBias,
                            String activation, String recurrentActivation, IUpdater updater,
                            List<Regularization> kernelRegularization, List<Regularization> biasRegularization) {
        this.layerName = name;
        this.nIn = nIn;
        this.units = units;
        this.timesteps = timesteps;
        this.returnSequences = returnSequences;
        this.useBias = useBias;
        this.activation = checkActivation(activation);
        this.recurrentActivation = checkActivation(recurrentActivation);
        this.updater = updater;
        this.biasUpdater = updater;
        this.regularization = new ArrayList<>(kernelRegularization);
        this.regularizationBias = new ArrayList<>(biasRegularization);
    }

    /** The activations the graph can express; others fail when the model is built. */
    static String checkActivation(String name) {
        if (!List.of("tanh", "sigmoid", "relu", "linear", "hard_sigmoid").contains(name)) {
            throw new IllegalArgumentException("Invalid GRU activation: expected one of tanh, sigmoid, relu, linear, "
                    + "hard_sigmoid. Received: " + name);
        }
        return name;
    }

    private static SDVariable apply(SameDiff sd, String fn, SDVariable x) {
        return switch (fn) {
            case "tanh" -> sd.math.tanh(x);
            case "sigmoid" -> sd.nn.sigmoid(x);
            case "relu" -> sd.nn.relu(x, 0.0);
            case "hard_sigmoid" -> sd.clipByValue(x.add(3.0).div(6.0), 0.0, 1.0); // Keras 3: relu6(x + 3) / 6
            default -> x;
        };
    }

    /** The DL4J parameter holding gate {@code g} (0 z, 1 r, 2 h) of the input kernel. */
    public static String kernel(int g) {
        return "W" + GATES[g];
    }

    /** The DL4J parameter holding gate {@code g} of the recurrent kernel. */
    public static String recurrentKernel(int g) {
        return "U" + GATES[g];
    }

    /** The DL4J parameter holding gate {@code g} of the input ({@code row 0}) or recurrent ({@code row 1}) bias. */
    public static String bias(int row, int g) {
        return (row == 0 ? "b" : "rb") + GATES[g];
    }

    private static final String[] GATES = {"z", "r", "h"};

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        // one parameter per gate block (slicing parameters fails in SameDiff's strided_slice_bp); parameter
        // names have no '_' (DL4J's updater splits gradient keys "layer_param" at the last '_')
        SDVariable[] steps = sd.unstack(input, 1, (int) timesteps);
        SDVariable[] keep = sd.unstack(sd.reshape(mask, -1, timesteps), 1, (int) timesteps);
        List<SDVariable> outputs = new ArrayList<>();
        SDVariable h = null;
        for (int t = 0; t < timesteps; t++) {
            SDVariable[] x = new SDVariable[3];
            SDVariable[] m = new SDVariable[3];
            for (int g = 0; g < 3; g++) {
                x[g] = sd.mmul(steps[t], params.get(kernel(g))).add(params.get(bias(0, g)));
                m[g] = h == null ? params.get(bias(1, g)) // h_{-1} = 0
                        : sd.mmul(h, params.get(recurrentKernel(g))).add(params.get(bias(1, g)));
            }
            SDVariable z = apply(sd, recurrentActivation, x[0].add(m[0]));
            SDVariable r = apply(sd, recurrentActivation, x[1].add(m[1]));
            SDVariable candidate = apply(sd, activation, x[2].add(r.mul(m[2])));
            // h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ = ĥ + z ⊙ (h_{t−1} − ĥ)
            SDVariable next = h == null ? candidate.sub(z.mul(candidate)) : candidate.add(z.mul(h.sub(candidate)));
            SDVariable kept = sd.reshape(keep[t], -1, 1);
            h = h == null ? next.mul(kept) : h.add(kept.mul(next.sub(h)));
            outputs.add(h);
        }
        return returnSequences ? sd.stack(1, outputs.toArray(new SDVariable[0])) : sd.identity(h);
    }

    /** Without a feature mask every step counts: ones {@code (batch, T)} (DL4J's default assumes NCW input). */
    @Override
    public INDArray onesMaskForInput(INDArray input) {
        return org.nd4j.linalg.factory.Nd4j.ones(input.dataType(), input.size(0), input.size(1));
    }

    /** The mask goes on with the sequences (return_sequences), and is consumed otherwise, as Keras. */
    @Override
    public org.nd4j.common.primitives.Pair<INDArray, org.deeplearning4j.nn.api.MaskState> feedForwardMaskArray(
            INDArray maskArray, org.deeplearning4j.nn.api.MaskState currentMaskState, int minibatchSize) {
        return returnSequences ? new org.nd4j.common.primitives.Pair<>(maskArray, currentMaskState)
                : new org.nd4j.common.primitives.Pair<>(null, null);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        for (int g = 0; g < 3; g++) {
            params.addWeightParam(kernel(g), nIn, units);
            params.addWeightParam(recurrentKernel(g), units, units);
        }
        // without use_bias the biases stay at zero (never updated): a graph without them fails in SameDiff
        for (int row = 0; row < 2; row++) {
            for (int g = 0; g < 3; g++) {
                params.addBiasParam(bias(row, g), 1, units);
            }
        }
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        if (!useBias && paramName.startsWith("b") || !useBias && paramName.startsWith("rb")) {
            return new org.nd4j.linalg.learning.config.NoOp();
        }
        return super.getUpdaterByParam(paramName);
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        if (!useBias && (paramName.startsWith("b") || paramName.startsWith("rb"))) {
            return List.of();
        }
        return super.getRegularizationByParam(paramName);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // kerasj writes the Keras initializers' values after the network is built
        for (INDArray p : params.values()) {
            p.assign(0);
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return returnSequences ? InputType.recurrent(units, timesteps, RNNFormat.NWC) : InputType.feedForward(units);
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    public long getUnits() {
        return units;
    }

    public void setUnits(long units) {
        this.units = units;
    }

    public long getTimesteps() {
        return timesteps;
    }

    public void setTimesteps(long timesteps) {
        this.timesteps = timesteps;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    public void setReturnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
    }

    public boolean isUseBias() {
        return useBias;
    }

    public void setUseBias(boolean useBias) {
        this.useBias = useBias;
    }

    public String getActivation() {
        return activation;
    }

    public void setActivation(String activation) {
        this.activation = activation;
    }

    public String getRecurrentActivation() {
        return recurrentActivation;
    }

    public void setRecurrentActivation(String recurrentActivation) {
        this.recurrentActivation = recurrentActivation;
    }
}
