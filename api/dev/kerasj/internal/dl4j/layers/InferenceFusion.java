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

import java.util.List;

/**
 * Inference-time fusion of a convolution (Conv2D, DepthwiseConv2D; linear activation) with the
 * BatchNormalization that reads it and the ReLU/ReLU6 that may read that: one pass instead of three.
 * With the layer's moving statistics,
 * <pre>
 *   scale = gamma / sqrt(moving_variance + epsilon),   shift = beta − moving_mean · scale
 *   BN(conv(x)) = conv(x; W · scale) + (b · scale + shift)        (scale per output channel: W's last axis)
 * </pre>
 * so the convolution computes with the folded kernel and bias (Conv2D scales its product instead of its kernel, in
 * the same Java pass as the bias; DepthwiseConv2D folds its kernel), clamps to the activation's range (ReLU: {@code [0, ∞)}, ReLU6:
 * {@code [0, 6]}), and the BatchNormalization and activation layers pass that output on.
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

    /** The per-channel scale {@code gamma / sqrt(moving_variance + epsilon)} of the absorbed layer. */
    float[] scale() {
        return scale(bn);
    }

    /** The folded bias {@code b · scale + beta − moving_mean · scale} ({@code convBias} null: none). */
    float[] bias(float[] scale, INDArray convBias) {
        return bias(bn, scale, convBias);
    }

    /**
     * {@code gamma / sqrt(moving_variance + epsilon)} of a DL4J BatchNormalization layer {@code bn} (gamma the
     * configuration's constant under {@code lockGammaBeta}), in Java arithmetic: a few floats, where ND4J's small
     * ops cost tens of microseconds each.
     */
    static float[] scale(org.deeplearning4j.nn.api.Layer bn) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer();
        float[] var = DenseFloats.read(bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
        float[] scale = new float[var.length];
        float[] gamma = c.isLockGammaBeta() ? null : DenseFloats.read(bn.getParam(BatchNormalizationParamInitializer.GAMMA));
        for (int i = 0; i < scale.length; i++) {
            scale[i] = (float) ((gamma == null ? c.getGamma() : gamma[i]) / Math.sqrt(var[i] + c.getEps()));
        }
        return scale;
    }

    /** {@code b · scale + beta − moving_mean · scale} of {@code bn} ({@code convBias} null: none, giving BN's shift). */
    static float[] bias(org.deeplearning4j.nn.api.Layer bn, float[] scale, INDArray convBias) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer();
        float[] mean = DenseFloats.read(bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN));
        float[] beta = c.isLockGammaBeta() ? null : DenseFloats.read(bn.getParam(BatchNormalizationParamInitializer.BETA));
        float[] b = convBias == null ? null : DenseFloats.read(convBias);
        float[] out = new float[scale.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((b == null ? 0f : b[i]) - mean[i]) * scale[i] + (beta == null ? (float) c.getBeta() : beta[i]);
        }
        return out;
    }

    /**
     * {@code z[r, k] = clamp(z[r, k] · scale[k] + bias[k])} over the rows of the product {@code z} ({@code bias.length}
     * wide), clamped to the activation's range, in place: blocks of rows stream through this thread's work array
     * (read, finished while cached, written back) on as many cores as they pay for, where a whole-array Java copy
     * each way cost a zeroed allocation the size of the output (async-profiler: ~15 % of a batch-1 MobileNetV2 pass).
     */
    void finish(INDArray z, float[] scale, float[] bias) {
        int n = bias.length;
        DenseFloats.Blocks io = DenseFloats.Blocks.writing(z);
        if (!io.direct()) {
            float[] zv = DenseFloats.read(z);
            finishRows(zv, 0, zv.length, n, scale, bias);
            DenseFloats.write(zv, z);
            return;
        }
        int rows = Math.toIntExact(z.length() / n);
        int per = io.rows(rows, n);
        Parallel.rows((rows + per - 1) / per, (long) per * n, t -> {
            long start = (long) t * per * n;
            int length = Math.min(per, rows - t * per) * n;
            float[] block = Scratch.floats(Scratch.PART, length);
            io.read(start, block, length);
            finishRows(block, 0, length, n, scale, bias);
            io.write(block, length, start);
        });
    }

    /** The rows in {@code z[start, end)} ({@code n} wide) scaled, shifted and clamped. */
    private void finishRows(float[] z, int start, int end, int n, float[] scale, float[] bias) {
        for (int o = start; o < end; o += n) {
            for (int k = 0; k < n; k++) {
                z[o + k] = z[o + k] * scale[k] + bias[k];
            }
        }
        clamp(z, start, end);
    }

    /**
     * {@code z[0, n)} clamped to the activation's range, in place: a flat loop of its own, which the JIT vectorizes (inside
     * the per-channel loop above, {@code Math.min/max} is ~4× slower).
     */
    void clamp(float[] z, int n) {
        clamp(z, 0, n);
    }

    private void clamp(float[] z, int start, int end) {
        if (activation == null) {
            return;
        }
        float lo = lower();
        float hi = upper();
        for (int i = start; i < end; i++) {
            z[i] = Math.min(Math.max(z[i], lo), hi);
        }
    }

    /** The array the fused convolution writes its result into (the activations workspace). */
    static INDArray output(long[] shape, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, shape, 'c');
    }

    /** The lower end of the activation's range ({@code −∞} without one). */
    private float lower() {
        return activation == null ? Float.NEGATIVE_INFINITY : 0f;
    }

    /** The upper end of the activation's range. */
    private float upper() {
        return activation instanceof ActivationReLU6 ? 6f : Float.POSITIVE_INFINITY;
    }
}
