package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Inference of a network made of float Dense layers (and pass-through layers: Flatten, Dropout, the loss
 * layer) without DL4J's per-batch machinery: one BLAS product per Dense (sgemm; sgemv for a single row) into a
 * buffer reused from batch to batch, the bias and then ReLU ({@code max(z, 0)}) or softmax
 * ({@code exp(z − max z) / Σ exp(z − max z)} per row) in one Java pass over the batch, other activations by the
 * same ND4J op DL4J applies. The results are DL4J's to float rounding (the softmax's {@code exp} and a single
 * row's summation order may differ in the last bits). {@link #outputInBatches} runs the batches of a large
 * input on two cores (each batch whole on one, so the results do not depend on the split) when BLAS runs one
 * thread per call. {@link #of} returns {@code null} for any other network (DL4J's {@code output} then runs).
 */
public final class DenseInference {
    /** One Dense layer, its preprocessor (or null), and whether its activation is a plain ReLU. */
    private record Step(InputPreProcessor pre, FastDenseLayer.Impl layer, IActivation act, boolean relu) {
    }

    private final List<Step> steps;
    /** The results of {@link #output}: a one-image predict's array costs more than its last layer. */
    private final ShapedArrays results = new ShapedArrays();
    /** One scratch set per thread that runs batches: [0] for the caller, [1] for the second core. */
    private final Lane[] lanes;

    /** A thread's buffers for one batch at a time. */
    private static final class Lane {
        /** The hidden layers' outputs, reused while the batch size stays the same. */
        final INDArray[] buffers;
        /** One batch's pre-activations, in the heap for the bias/activation pass. */
        float[] values = new float[0];
        float[] bias = new float[0];

        Lane(int layers) {
            buffers = new INDArray[layers];
        }
    }

    private DenseInference(List<Step> steps) {
        this.steps = steps;
        this.lanes = new Lane[] {new Lane(steps.size()), new Lane(steps.size())};
    }

    /** The plan for {@code net}, or {@code null} when it has a layer or preprocessor the plan does not run. */
    public static DenseInference of(MultiLayerNetwork net) {
        if (!Common.fastPaths()) {
            return null;
        }
        List<Step> steps = new ArrayList<>();
        InputPreProcessor pending = null;
        int n = net.getnLayers();
        for (int i = 0; i < n; i++) {
            org.deeplearning4j.nn.api.Layer l = net.getLayer(i);
            InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pp != null && !(pp instanceof ReshapePreProcessor) || pp != null && pending != null) {
                return null;
            }
            pending = pp != null ? pp : pending;
            if (l instanceof FastDenseLayer.Impl d) {
                INDArray w = d.getParam(DefaultParamInitializer.WEIGHT_KEY);
                INDArray b = d.hasBias() ? d.getParam(DefaultParamInitializer.BIAS_KEY) : null;
                IActivation act = d.layerConf().getActivationFn();
                if (!floats(w, b) || d.layerConf().getWeightNoise() != null || d.hasLayerNorm()
                        || act instanceof ActivationReLU r && !plainRelu(r)) {
                    return null;
                }
                steps.add(new Step(pending, d, act, act instanceof ActivationReLU));
                pending = null;
            } else if (!(passThrough(l) || l instanceof LossLayer loss && i == n - 1
                    && loss.layerConf().getActivationFn() instanceof ActivationIdentity)) {
                return null;
            }
        }
        return steps.isEmpty() || pending != null ? null : new DenseInference(steps);
    }

    private static boolean passThrough(org.deeplearning4j.nn.api.Layer l) {
        if (l instanceof MaskAwareLayers.Dropout.Impl) {
            return true;   // inference: Dropout passes its input through
        }
        return l instanceof MaskAwareLayers.Activation.Impl a && a.layerConf().getActivationFn() instanceof ActivationIdentity;
    }

    private static boolean plainRelu(ActivationReLU r) {
        return r.getMax() == null && (r.getThreshold() == null || r.getThreshold() == 0.0)
                && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0);
    }

    private static boolean floats(INDArray w, INDArray b) {
        return w.dataType() == DataType.FLOAT && w.rank() == 2
                && (b == null || b.dataType() == DataType.FLOAT && b.length() == w.size(1));
    }

    /** The network's output for a batch {@code x} in inference mode: a new array {@code (batch, nOut)}. */
    public synchronized INDArray output(INDArray x) {
        return output(x, null, lanes[0]);
    }

    /**
     * The network's output for every row of {@code x}, in Keras's batches of {@code batchSize} rows, the last layer
     * writing straight into its rows of the result; {@code null} when {@code x} is not a row-major float array (the caller then goes
     * batch by batch). Every step is row by row (dense products and row-wise activations), so consecutive batches
     * run as one product of up to {@link #ROWS_PER_PRODUCT} rows: OpenBLAS's sgemm does 61 GFLOP/s on 32 rows of a
     * 784×512 layer and 128 on 256 (measured); a row's values are those of its batch alone within float rounding
     * (bit-identical for that layer; a 512×10 product rounds differently for 32 and 128 rows).
     */
    public synchronized INDArray outputInBatches(INDArray x, int batchSize) {
        long n = x.size(0);
        if (x.dataType() != DataType.FLOAT || x.ordering() != 'c' || n == 0 || batchSize < 1
                || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(x) || x.rank() != 2 && steps.get(0).pre() == null) {
            return null;
        }
        INDArray rows = x.reshape('c', n, x.length() / n);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, n,
                steps.get(steps.size() - 1).layer().getParam(DefaultParamInitializer.WEIGHT_KEY).size(1));
        long group = (long) batchSize * Math.max(1, ROWS_PER_PRODUCT / batchSize);   // whole batches per product
        long groups = (n + group - 1) / group;
        int parts = groups >= 2 && n * macsPerRow() >= TWO_CORE_MACS && Parallel.blasOnTwoCores() ? 2 : 1;
        // contiguous runs of whole groups, one per core: a group's products and passes are those of the
        // sequential loop, so each row comes out the same whichever core computed it
        Parallel.rows(parts, Parallel.MIN_WORK, p -> {
            Lane lane = lanes[p];
            for (long b = groups * p / parts; b < groups * (p + 1) / parts; b++) {
                long from = b * group;
                long to = Math.min(n, from + group);
                output(rows.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                        out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), lane);
            }
        });
        return out;
    }

    /** Rows per product in {@link #outputInBatches}: whole batches up to this many (one batch when larger). */
    static final int ROWS_PER_PRODUCT = 256;

    /** Below this many multiply-adds in all a call's batches, one core runs them (a second costs ~20 µs to start). */
    static final long TWO_CORE_MACS = 1L << 24;

    /** Multiply-adds of the Dense products per input row. */
    private long macsPerRow() {
        long macs = 0;
        for (Step s : steps) {
            INDArray w = s.layer().getParam(DefaultParamInitializer.WEIGHT_KEY);
            macs += w.size(0) * w.size(1);
        }
        return macs;
    }

    /** One batch through every step; the last step writes into {@code into} when given (its rows of a larger result). */
    private INDArray output(INDArray x, INDArray into, Lane lane) {
        INDArray h = x;
        long batch = x.size(0);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            INDArray w = s.layer().getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray b = s.layer().hasBias() ? s.layer().getParam(DefaultParamInitializer.BIAS_KEY) : null;
            boolean last = i == steps.size() - 1;
            INDArray z = last ? into : lane.buffers[i];
            if (z == null || z.size(0) != batch) {
                z = last ? results.uninitialized(batch, w.size(1)) : Nd4j.createUninitialized(DataType.FLOAT, batch, w.size(1));
                if (!last) {
                    lane.buffers[i] = z;
                }
            }
            if (s.pre() != null && rowMajorFloats(h, batch * w.size(0))) {
                DirectGemm.gemmRows(h, batch, w.size(0), w, z);   // flattening a row-major batch moves nothing
            } else {
                if (s.pre() != null) {
                    h = s.pre().preProcess(h, (int) batch, LayerWorkspaceMgr.noWorkspaces());
                }
                if (h.dataType() != DataType.FLOAT || h.rank() != 2 || h.columns() != w.size(0)) {
                    h = h.castTo(DataType.FLOAT);
                    if (h.rank() != 2 || h.columns() != w.size(0)) {
                        throw new IllegalStateException("Dense inference: input of shape "
                                + java.util.Arrays.toString(h.shape()) + " for weights " + java.util.Arrays.toString(w.shape()));
                    }
                }
                DirectGemm.gemm(h, w, z, false, false);
            }
            biasAndActivation(z, b, s, lane);
            h = z;
        }
        return h;
    }

    /** Whether {@code h} holds {@code n} floats row-major from its first element (a batch of rows, any shape). */
    private static boolean rowMajorFloats(INDArray h, long n) {
        return h.dataType() == DataType.FLOAT && h.ordering() == 'c' && h.length() == n
                && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(h);
    }

    /** The bias values, read straight from the parameter buffer (zeros when there is no bias). */
    private static float[] biasScratch(INDArray b, int cols, Lane lane) {
        if (lane.bias.length < cols) {
            lane.bias = new float[cols];
        }
        float[] bias = lane.bias;
        if (b == null) {
            java.util.Arrays.fill(bias, 0, cols, 0f);
        } else if (b.length() == cols && b.elementWiseStride() == 1) {
            dev.kerasj.internal.BufferViews.floats(b.data()).get((int) b.offset(), bias, 0, cols);
        } else {
            System.arraycopy(b.reshape(cols).toFloatVector(), 0, bias, 0, cols);
        }
        return bias;
    }

    /**
     * z += b, then ReLU or softmax, in one pass over a copy of z in the heap (the JIT vectorizes loops over
     * {@code float[]}, not over direct buffers); other activations by the layer's ND4J op, in place. The softmax
     * is Keras's, {@code exp(z - max(z)) / sum(exp(z - max(z)))} per row, where ND4J's op costs a custom-op call,
     * its context and shape descriptors per batch (a quarter of a one-image predict).
     */
    private static void biasAndActivation(INDArray z, INDArray b, Step s, Lane lane) {
        boolean relu = s.relu();
        boolean softmax = s.act() instanceof ActivationSoftmax;
        int cols = (int) z.size(1);
        int rows = (int) z.size(0);
        if (b == null && !relu && !softmax || (long) rows * cols > Integer.MAX_VALUE) {
            if (b != null) {
                z.addiRowVector(b);
            }
            if (!(s.act() instanceof ActivationIdentity)) {
                s.act().getActivation(z, false);
            }
            return;
        }
        int size = rows * cols;
        if (lane.values.length < size) {
            lane.values = new float[size];
        }
        float[] v = lane.values;
        FloatBuffer zb = dev.kerasj.internal.BufferViews.floats(z.data());
        int off = (int) z.offset();
        zb.get(off, v, 0, size);
        float[] bias = biasScratch(b, cols, lane);
        for (int i = 0; i < size; i += cols) {
            for (int j = 0; j < cols; j++) {
                v[i + j] += bias[j];
            }
            if (relu) {
                // max(x, 0) as Keras's ReLU (NaN passes through): a vector max, where a compare-and-select per
                // element is a branch the CPU mispredicts on half the units (most of this pass's time)
                for (int j = i; j < i + cols; j++) {
                    v[j] = Math.max(v[j], 0f);
                }
            } else if (softmax) {
                SoftmaxPasses.row(v, i, cols);
            }
        }
        zb.put(off, v, 0, size);
        if (!relu && !softmax && !(s.act() instanceof ActivationIdentity)) {
            s.act().getActivation(z, false);
        }
    }
}
