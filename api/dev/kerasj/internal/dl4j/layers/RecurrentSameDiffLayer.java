package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras recurrent layer (SimpleRNN, LSTM, GRU) as a DL4J SameDiff layer, unrolled over the T steps of
 * its NWC input {@code (batch, T, in)} (T is fixed when the model is built), with Keras 3's dropout:
 * <ul>
 *   <li>{@code dropout}: while training, the inputs {@code x_t} are multiplied by a mask
 *       {@code (batch, in)} of 0 and {@code 1/(1 − rate)} drawn once per batch and reused at every step;</li>
 *   <li>{@code recurrent_dropout}: likewise {@code h_{t−1}} by a mask {@code (batch, units)} before it
 *       meets the recurrent kernel ({@code c_{t−1}} and the GRU's {@code z ⊙ h_{t−1}} are not masked).</li>
 * </ul>
 * As Keras's cells (implementation 1 whenever recurrent_dropout > 0), each of the G gate blocks then gets
 * its own masks; with only {@code dropout} one input mask serves every gate. At inference the masks are
 * ones. Each gate block of Keras's kernel {@code (in, G·u)}, recurrent_kernel {@code (u, G·u)} and bias
 * is its own parameter here ({@code W<g>}, {@code U<g>}, {@code b<g>}, GRU also {@code rb<g>}): slicing
 * parameters fails in SameDiff's strided_slice_bp, and DL4J splits gradient keys at the last '_'.
 *
 * <p>With Keras's mask {@code m (batch, T)} (DL4J's feature mask; all ones without one) a masked step
 * keeps every state and, with return_sequences, repeats the previous output, as Keras:
 * {@code s_t = s_{t−1} + m_t ⊙ (s'_t − s_{t−1})} for each state s ({@code h}; LSTM also {@code c}),
 * {@code s'_t} the cell's step, {@code s_{−1} = 0}. Any steps may be masked (not only padding at the ends);
 * the mask goes on with the sequences and is consumed otherwise (and with return_state).
 *
 * <p>With {@code return_state} the layer returns Keras's {@code [output, state_h(, state_c)]} packed side
 * by side, {@code (batch, |output| + S·units)} (the sequence flattened row-major); the graph runtime
 * unpacks them ({@code PackedOutputPreProcessor}).
 *
 * <p>The masks are graph constants ({@code mx<g>}, {@code mh<g>}) that the runtime layer replaces before
 * every forward pass (fresh draws when training, ones otherwise) and keeps for the backward pass.
 */
public abstract class RecurrentSameDiffLayer extends CorrectedSameDiffLayer {
    private long nIn;
    private long units;
    private long timesteps;
    private boolean returnSequences;
    private boolean useBias = true;
    private String activation = "tanh";
    private String recurrentActivation = "sigmoid";
    private double dropout;
    private double recurrentDropout;
    private boolean returnState;

    /** For JSON. */
    protected RecurrentSameDiffLayer() {
    }

    protected RecurrentSameDiffLayer(String name, long nIn, long units, long timesteps, boolean returnSequences,
                                     boolean useBias, String activation, String recurrentActivation, double dropout,
                                     double recurrentDropout, IUpdater updater, List<Regularization> kernelRegularization,
                                     List<Regularization> biasRegularization) {
        this.layerName = name;
        this.nIn = nIn;
        this.units = units;
        this.timesteps = timesteps;
        this.returnSequences = returnSequences;
        this.useBias = useBias;
        this.activation = checkActivation(name, "activation", activation);
        this.recurrentActivation = checkActivation(name, "recurrent_activation", recurrentActivation);
        this.dropout = dropout;
        this.recurrentDropout = recurrentDropout;
        this.updater = updater;
        this.biasUpdater = updater;
        this.regularization = new ArrayList<>(kernelRegularization);
        this.regularizationBias = new ArrayList<>(biasRegularization);
    }

    /** The gate blocks' names in Keras's order (LSTM i, f, c, o; GRU z, r, h; SimpleRNN h). */
    protected abstract String[] gateNames();

    /**
     * Whether gate g's recurrent part is left to {@link #step} (null in {@code r}), which computes it with
     * {@link #recurrent} (the original GRU applies the reset gate before the recurrent kernel).
     */
    protected boolean deferredRecurrent(int g) {
        return false;
    }

    /** Inside {@link #step}: {@code (h ⊙ mh_g)·U_g}, gate g's recurrent part of a given state. */
    protected final SDVariable recurrent(SameDiff sd, SDVariable h, int g) {
        SDVariable masked = stepMasks[g] == null ? h : h.mul(stepMasks[g]);
        return sd.mmul(masked, stepParams.get(recurrentKernel(g)));
    }

    private transient Map<String, SDVariable> stepParams;
    private transient SDVariable[] stepMasks;

    /** Whether the layer has a recurrent bias {@code rb<g>} besides the input bias (GRU with reset_after). */
    protected boolean hasRecurrentBias() {
        return false;
    }

    /**
     * One step of the cell. {@code x[g]} is gate g's input part {@code (x_t ⊙ mx_g)·W_g + b_g};
     * {@code r[g]} its recurrent part {@code (h_{t−1} ⊙ mh_g)·U_g (+ rb_g)}, {@code null} when zero (first
     * step, no recurrent bias); {@code state} the previous states ({@code h} first, LSTM then {@code c}),
     * {@code null} at the first step (zeros). Returns the new states, {@code h_t} first.
     */
    protected abstract SDVariable[] step(SameDiff sd, SDVariable[] x, SDVariable[] r, SDVariable[] state);

    /** The activations the graph can express; others fail when the model is built. */
    static String checkActivation(String layer, String arg, String value) {
        if (!List.of("tanh", "sigmoid", "relu", "linear", "hard_sigmoid", "keras2_hard_sigmoid").contains(value)) {
            throw new IllegalArgumentException("Invalid `" + arg + "` for layer '" + layer + "': kerasj's recurrent "
                    + "layers support tanh, sigmoid, relu, linear, hard_sigmoid, keras2_hard_sigmoid. Received: " + arg + "=" + value);
        }
        return value;
    }

    /** {@code fn(x)} for one of the {@link #checkActivation supported} activations. */
    protected static SDVariable apply(SameDiff sd, String fn, SDVariable x) {
        return switch (fn) {
            case "tanh" -> sd.math.tanh(x);
            case "sigmoid" -> sd.nn.sigmoid(x);
            case "relu" -> sd.nn.relu(x, 0.0);
            case "hard_sigmoid" -> sd.clipByValue(x.add(3.0).div(6.0), 0.0, 1.0); // Keras 3: relu6(x + 3) / 6
            case "keras2_hard_sigmoid" -> sd.clipByValue(x.mul(0.2).add(0.5), 0.0, 1.0); // Keras 1/2
            default -> x;
        };
    }

    /** {@code a + b}, where a {@code null} operand is zero. */
    protected static SDVariable plus(SDVariable a, SDVariable b) {
        return b == null ? a : a.add(b);
    }

    /** The DL4J parameter holding gate block {@code g} of the input kernel. */
    public String kernel(int g) {
        return "W" + gateNames()[g];
    }

    /** The DL4J parameter holding gate block {@code g} of the recurrent kernel. */
    public String recurrentKernel(int g) {
        return "U" + gateNames()[g];
    }

    /** The DL4J parameter holding gate block {@code g} of the input ({@code row 0}) or recurrent ({@code row 1}) bias. */
    public String bias(int row, int g) {
        return (row == 0 ? "b" : "rb") + gateNames()[g];
    }

    private static String inputMask(int g) {
        return "mx" + g;
    }

    private static String recurrentMask(int g) {
        return "mh" + g;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        int gates = gateNames().length;
        DataType dt = input.dataType();
        SDVariable[] mx = new SDVariable[gates];
        SDVariable[] mh = new SDVariable[gates];
        for (int g = 0; g < gates; g++) {
            mx[g] = dropout > 0 ? sd.constant(inputMask(g), Nd4j.ones(dt, 1, nIn)) : null;
            mh[g] = recurrentDropout > 0 ? sd.constant(recurrentMask(g), Nd4j.ones(dt, 1, units)) : null;
        }
        stepParams = params;
        stepMasks = mh;
        SDVariable[] steps = sd.unstack(input, 1, (int) timesteps);
        SDVariable[] keep = sd.unstack(sd.reshape(mask, -1, timesteps), 1, (int) timesteps);
        List<SDVariable> outputs = new ArrayList<>();
        SDVariable[] state = null;
        for (int t = 0; t < timesteps; t++) {
            SDVariable[] x = new SDVariable[gates];
            SDVariable[] r = new SDVariable[gates];
            for (int g = 0; g < gates; g++) {
                SDVariable xt = mx[g] == null ? steps[t] : steps[t].mul(mx[g]);
                x[g] = sd.mmul(xt, params.get(kernel(g))).add(params.get(bias(0, g)));
                SDVariable rb = hasRecurrentBias() ? params.get(bias(1, g)) : null;
                if (deferredRecurrent(g)) {
                    r[g] = null;
                } else if (state == null) {
                    r[g] = rb; // h_{-1} = 0
                } else {
                    SDVariable h = mh[g] == null ? state[0] : state[0].mul(mh[g]);
                    r[g] = plus(sd.mmul(h, params.get(recurrentKernel(g))), rb);
                }
            }
            SDVariable[] next = step(sd, x, r, state);
            SDVariable kept = sd.reshape(keep[t], -1, 1);
            // s_t = s_{t−1} + m_t ⊙ (s'_t − s_{t−1}), s_{−1} = 0; after the last step only the returned states
            // (a dangling final c would pass for a second loss variable when SameDiff builds the gradient)
            int carried = t == timesteps - 1 && !returnState ? 1 : next.length;
            for (int i = 0; i < carried; i++) {
                next[i] = state == null ? next[i].mul(kept) : state[i].add(kept.mul(next[i].sub(state[i])));
            }
            state = next;
            outputs.add(state[0]);
        }
        SDVariable out = returnSequences ? sd.stack(1, outputs.toArray(new SDVariable[0])) : sd.identity(state[0]);
        if (!returnState) {
            return out;
        }
        // Keras's [output, state_h(, state_c)], packed side by side: (batch, |output| + S·units)
        SDVariable[] parts = new SDVariable[1 + state.length];
        parts[0] = returnSequences ? sd.reshape(out, -1, timesteps * units) : out;
        System.arraycopy(state, 0, parts, 1, state.length);
        return sd.concat(1, parts);
    }

    /** Without a feature mask every step counts: ones {@code (batch, T)} (DL4J's default assumes NCW input). */
    @Override
    public INDArray onesMaskForInput(INDArray input) {
        return Nd4j.ones(input.dataType(), input.size(0), input.size(1));
    }

    /** The mask goes on with the sequences (return_sequences without return_state) and is consumed otherwise, as Keras. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return returnSequences && !returnState ? new Pair<>(maskArray, currentMaskState) : new Pair<>(null, null);
    }

    /** The width of the packed return_state output: the output's size, then each state's units. */
    private long packedWidth() {
        return (returnSequences ? timesteps * units : units) + (long) stateCount() * units;
    }

    /** How many states the cell carries (h; LSTM h and c). */
    protected int stateCount() {
        return 1;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        int gates = gateNames().length;
        for (int g = 0; g < gates; g++) {
            params.addWeightParam(kernel(g), nIn, units);
            params.addWeightParam(recurrentKernel(g), units, units);
        }
        // without use_bias the biases stay at zero (never updated): a graph without them fails in SameDiff
        for (int row = 0; row < (hasRecurrentBias() ? 2 : 1); row++) {
            for (int g = 0; g < gates; g++) {
                params.addBiasParam(bias(row, g), 1, units);
            }
        }
    }

    private boolean isBias(String paramName) {
        return paramName.startsWith("b") || paramName.startsWith("rb");
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return !useBias && isBias(paramName) ? new NoOp() : super.getUpdaterByParam(paramName);
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return !useBias && isBias(paramName) ? List.of() : super.getRegularizationByParam(paramName);
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
        if (returnState) {
            return InputType.feedForward(packedWidth());
        }
        return returnSequences ? InputType.recurrent(units, timesteps, RNNFormat.NWC) : InputType.feedForward(units);
    }

    /**
     * The Keras-layout weights [kernel (in, G·u), recurrent_kernel (u, G·u), bias] of a runtime layer;
     * the bias is {@code (G·u,)}, or {@code (2, G·u)} with a recurrent bias; absent without use_bias.
     */
    public List<INDArray> kerasWeights(Layer dl4j) {
        int gates = gateNames().length;
        int rows = hasRecurrentBias() ? 2 : 1;
        INDArray kernel = Nd4j.create(DataType.FLOAT, nIn, gates * units);
        INDArray recurrent = Nd4j.create(DataType.FLOAT, units, gates * units);
        INDArray bias = Nd4j.create(DataType.FLOAT, rows, gates * units);
        for (int g = 0; g < gates; g++) {
            INDArrayIndex cols = NDArrayIndex.interval(g * units, (g + 1) * units);
            kernel.get(NDArrayIndex.all(), cols).assign(dl4j.getParam(kernel(g)));
            recurrent.get(NDArrayIndex.all(), cols).assign(dl4j.getParam(recurrentKernel(g)));
            for (int row = 0; row < rows; row++) {
                bias.get(NDArrayIndex.interval(row, row + 1), cols).assign(dl4j.getParam(bias(row, g)));
            }
        }
        if (!useBias) {
            return List.of(kernel, recurrent);
        }
        return List.of(kernel, recurrent, rows == 1 ? bias.reshape(gates * units) : bias);
    }

    /** Writes Keras-layout weights (see {@link #kerasWeights}) into a runtime layer. */
    public void setKerasWeights(Layer dl4j, List<INDArray> weights) {
        int gates = gateNames().length;
        int rows = hasRecurrentBias() ? 2 : 1;
        INDArray bias = useBias ? weights.get(2).reshape(rows, gates * units) : null;
        for (int g = 0; g < gates; g++) {
            INDArrayIndex cols = NDArrayIndex.interval(g * units, (g + 1) * units);
            dl4j.getParam(kernel(g)).assign(weights.get(0).get(NDArrayIndex.all(), cols));
            dl4j.getParam(recurrentKernel(g)).assign(weights.get(1).get(NDArrayIndex.all(), cols));
            for (int row = 0; row < rows; row++) {
                dl4j.getParam(bias(row, g)).assign(useBias
                        ? bias.get(NDArrayIndex.interval(row, row + 1), cols) : Nd4j.scalar(0f));
            }
        }
    }

    @Override
    protected CorrectedSameDiffLayer.Runtime createRuntime(NeuralNetConfiguration conf, DataType dataType) {
        return new DropoutRuntime(conf, dataType, this);
    }

    /**
     * The runtime layer: before each forward pass it sets the dropout-mask constants (drawn while training,
     * ones otherwise) and keeps them for the backward pass that follows.
     */
    public static final class DropoutRuntime extends CorrectedSameDiffLayer.Runtime {
        private final RecurrentSameDiffLayer layer;
        private Map<String, INDArray> masks;
        private Map<String, INDArray> fixedMasks;

        DropoutRuntime(NeuralNetConfiguration conf, DataType dataType, RecurrentSameDiffLayer layer) {
            super(conf, dataType);
            this.layer = layer;
        }

        /**
         * Uses the given masks instead of random ones while training (tests): {@code input[g]}
         * {@code (batch, in)} and {@code recurrent[g]} {@code (batch, units)} per gate, or {@code null}.
         */
        void fixMasks(List<INDArray> input, List<INDArray> recurrent) {
            Map<String, INDArray> m = new LinkedHashMap<>();
            for (int g = 0; input != null && g < input.size(); g++) {
                m.put(inputMask(g), input.get(g));
            }
            for (int g = 0; recurrent != null && g < recurrent.size(); g++) {
                m.put(recurrentMask(g), recurrent.get(g));
            }
            fixedMasks = m;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (layer.dropout > 0 || layer.recurrentDropout > 0) {
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    if (sameDiff == null) {
                        doInit();
                    }
                    masks = training ? (fixedMasks != null ? fixedMasks : draw(input.size(0))) : ones();
                    setMasks(sameDiff);
                }
            }
            return super.activate(training, workspaceMgr);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (layer.dropout > 0 || layer.recurrentDropout > 0) {
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    if (sameDiff == null) {
                        doInit();
                    }
                    if (!sameDiff.hasGradientFunction()) {
                        sameDiff.createGradFunction(INPUT_KEY);
                    }
                    if (masks == null) {
                        masks = draw(input.size(0));
                    }
                    setMasks(sameDiff);
                    setMasks(sameDiff.getFunction("grad"));
                }
            }
            return super.backpropGradient(epsilon, workspaceMgr);
        }

        private void setMasks(SameDiff sd) {
            for (Map.Entry<String, INDArray> e : masks.entrySet()) {
                if (sd.hasVariable(e.getKey())) {
                    sd.associateArrayWithVariable(e.getValue().castTo(dataType), e.getKey());
                }
            }
        }

        private Map<String, INDArray> ones() {
            Map<String, INDArray> m = new LinkedHashMap<>();
            for (int g = 0; g < layer.gateNames().length; g++) {
                m.put(inputMask(g), Nd4j.ones(dataType, 1, layer.nIn));
                m.put(recurrentMask(g), Nd4j.ones(dataType, 1, layer.units));
            }
            return m;
        }

        /** Keras's masks: per gate when recurrent_dropout > 0 (implementation 1), else one input mask. */
        private Map<String, INDArray> draw(long batch) {
            Map<String, INDArray> m = new LinkedHashMap<>();
            INDArray shared = null;
            for (int g = 0; g < layer.gateNames().length; g++) {
                if (layer.dropout > 0) {
                    if (layer.recurrentDropout > 0 || shared == null) {
                        shared = mask(batch, layer.nIn, layer.dropout);
                    }
                    m.put(inputMask(g), shared);
                }
                if (layer.recurrentDropout > 0) {
                    m.put(recurrentMask(g), mask(batch, layer.units, layer.recurrentDropout));
                }
            }
            return m;
        }

        private INDArray mask(long batch, long width, double rate) {
            INDArray m = Nd4j.ones(dataType, batch, width);
            Nd4j.getExecutioner().exec(new DropOutInverted(m, 1.0 - rate));
            return m;
        }
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

    public double getDropout() {
        return dropout;
    }

    public void setDropout(double dropout) {
        this.dropout = dropout;
    }

    public boolean isReturnState() {
        return returnState;
    }

    public void setReturnState(boolean returnState) {
        this.returnState = returnState;
    }

    public double getRecurrentDropout() {
        return recurrentDropout;
    }

    public void setRecurrentDropout(double recurrentDropout) {
        this.recurrentDropout = recurrentDropout;
    }
}
