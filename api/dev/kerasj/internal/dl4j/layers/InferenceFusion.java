package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.BatchNormalization;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.DepthwiseConv2D;
import dev.kerasj.layers.KernelLayer;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.ReLU;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * Inference-time fusion of a convolution (Conv2D, DepthwiseConv2D; linear activation) with the
 * BatchNormalization that reads it and the ReLU/ReLU6 that may read that: one pass instead of three.
 * With the layer's moving statistics,
 * <pre>
 *   scale = gamma / sqrt(moving_variance + epsilon),   shift = beta − moving_mean · scale
 *   BN(conv(x)) = conv(x; W · scale) + (b · scale + shift)        (scale per output channel: W's last axis)
 * </pre>
 * so the convolution computes with the folded kernel and bias, clamps to the activation's range (ReLU:
 * {@code [0, ∞)}, ReLU6: {@code [0, 6]}), and the BatchNormalization and activation layers pass that output on.
 * The fold is recomputed from the current weights on every pass (it costs a kernel's size), so training
 * between two {@code predict} calls needs nothing else.
 *
 * <p>Training never fuses: the runtime switches a fusion on only around its {@code predict} ({@link #active}),
 * and each pass the convolution says whether it fused ({@link #begin}); the absorbed layers pass their input on
 * only then ({@link #passesThrough}), so a convolution that falls back to DL4J's code (no fast path) leaves the
 * following layers their own work. The runtimes find the chains ({@link #fusable}) where the convolution's output
 * is read only by the BatchNormalization and that output only by the activation (nothing else sees the
 * intermediate values), and {@link #wire} the DL4J layers.
 */
public final class InferenceFusion {
    /** A convolution layer that can compute convolution → BatchNormalization → activation in one pass. */
    interface Head {
        void fuse(InferenceFusion fusion);
    }

    /** A layer whose work a fused convolution does: at inference it passes its input on. */
    interface Absorbed {
        void absorbedBy(InferenceFusion fusion);
    }

    private final org.deeplearning4j.nn.api.Layer bn;
    /** ReLU or ReLU6 applied by the fused pass, or null. */
    private final IActivation activation;
    private boolean active;
    private boolean applied;

    private InferenceFusion(org.deeplearning4j.nn.api.Layer bn, IActivation activation) {
        this.bn = bn;
        this.activation = activation;
    }

    /** Whether kerasj layers {@code conv → bn (→ next)} may fuse: {@code conv} a linear Conv2D/DepthwiseConv2D. */
    public static boolean fusable(Layer conv, Layer bn) {
        return (conv instanceof Conv2D || conv instanceof DepthwiseConv2D) && "linear".equals(((KernelLayer<?>) conv).activation())
                && bn instanceof BatchNormalization && bn.builtInputShape().length == 3;
    }

    /** Whether {@code layer} is an activation the fused pass can apply (ReLU(), ReLU(6), Activation("relu")…). */
    public static boolean fusableActivation(Layer layer) {
        return (layer instanceof ReLU || layer instanceof dev.kerasj.layers.Activation);
    }

    /**
     * Wires the DL4J layers of a fusable chain ({@code activation} may be null; one that is not a plain ReLU or
     * ReLU6 stays apart); returns the fusion (inactive), or null when the DL4J layers are not kerasj's fusable ones.
     */
    public static InferenceFusion wire(org.deeplearning4j.nn.api.Layer conv, org.deeplearning4j.nn.api.Layer bn,
                                       org.deeplearning4j.nn.api.Layer activation) {
        conv = unwrapped(conv);
        bn = unwrapped(bn);
        if (!(conv instanceof Head head) || !(bn instanceof Absorbed absorbedBn)
                || ((org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer()).getCnn2DFormat()
                != CNN2DFormat.NHWC) {
            return null;
        }
        activation = activation == null ? null : unwrapped(activation);
        IActivation fn = null;
        if (activation instanceof Absorbed
                && activation.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer a
                && clampable(a.getActivationFn())) {
            fn = a.getActivationFn();
        }
        InferenceFusion f = new InferenceFusion(bn, fn);
        head.fuse(f);
        absorbedBn.absorbedBy(f);
        if (fn != null) {
            ((Absorbed) activation).absorbedBy(f);
        }
        return f;
    }

    /** Switches every fusion of {@code fusions} on or off (the runtimes: on only during predict). */
    public static void active(List<InferenceFusion> fusions, boolean on) {
        for (InferenceFusion f : fusions) {
            f.active = on;
            f.applied = false;
        }
    }

    private static boolean clampable(IActivation fn) {
        return fn instanceof ActivationReLU6 || fn instanceof ActivationReLU r && r.getMax() == null
                && r.getThreshold() == null && r.getNegativeSlope() == null;
    }

    private static org.deeplearning4j.nn.api.Layer unwrapped(org.deeplearning4j.nn.api.Layer l) {
        while (l instanceof BaseWrapperLayer w) {
            l = w.getUnderlying();
        }
        return l;
    }

    /**
     * Called by the convolution at the start of each forward pass: whether it fuses this pass (the fusion is
     * active, an inference pass, and the convolution's fast path runs), remembered for the absorbed layers.
     */
    boolean begin(boolean training, boolean fastPath) {
        applied = active && !training && fastPath;
        return applied;
    }

    /** Whether an absorbed layer passes its input on in this pass. */
    boolean passesThrough(boolean training) {
        return applied && !training;
    }

    /** An absorbed layer's output: its input (the fused result), in the activations workspace. */
    static INDArray passedOn(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
    }

    /** {@code gamma / sqrt(moving_variance + epsilon)} of a DL4J BatchNormalization layer, shape {@code (C)}. */
    static INDArray scale(org.deeplearning4j.nn.api.Layer bn) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer();
        INDArray var = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).reshape(c.getNOut());
        INDArray std = Transforms.sqrt(var.add(c.getEps()), false);
        return gammaOrBeta(bn, BatchNormalizationParamInitializer.GAMMA, c.getGamma()).div(std);
    }

    /** {@code beta − moving_mean · scale}, shape {@code (C)}. */
    static INDArray shift(org.deeplearning4j.nn.api.Layer bn, INDArray scale) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer();
        INDArray mean = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(c.getNOut());
        return gammaOrBeta(bn, BatchNormalizationParamInitializer.BETA, c.getBeta()).sub(mean.mul(scale));
    }

    private static INDArray gammaOrBeta(org.deeplearning4j.nn.api.Layer bn, String key, double locked) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer();
        return c.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {c.getNOut()}, locked, bn.params().dataType())
                : bn.getParam(key).reshape(c.getNOut());
    }

    /** The per-channel scale, float32 {@code (C)}. */
    INDArray scale() {
        return scale(bn).castTo(DataType.FLOAT);
    }

    /** The folded bias {@code b · scale + shift} ({@code convBias} null: none), float32 {@code (C)}. */
    INDArray bias(INDArray scale, INDArray convBias) {
        INDArray shift = shift(bn, scale).castTo(DataType.FLOAT);
        return convBias == null ? shift : shift.addi(convBias.reshape(scale.length()).castTo(DataType.FLOAT).mul(scale));
    }

    /** The lower end of the activation's range ({@code −∞} without one). */
    float lower() {
        return activation == null ? Float.NEGATIVE_INFINITY : 0f;
    }

    /** The upper end of the activation's range. */
    float upper() {
        return activation instanceof ActivationReLU6 ? 6f : Float.POSITIVE_INFINITY;
    }

    /** Applies the activation to {@code z} in place (none: {@code z}). */
    INDArray activate(INDArray z) {
        return activation == null ? z : activation.getActivation(z, false);
    }
}
