package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.Reshapes;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.stream.IntStream;

/**
 * The LSTM's forward and backward pass in Java over {@code float[]}, for DL4J's LSTM layer with tanh
 * activation and sigmoid gates ({@code MaskAwareLayers.Lstm}): the same numbers as DL4J's
 * {@code LSTMHelpers} (to float rounding) without its dozens of small ND4J ops per time step.
 *
 * <p>With input {@code x (B, T, n)} (NWC), DL4J's parameters {@code W (n, 4u)}, {@code RW (u, 4u)},
 * {@code b (1, 4u)} and gate blocks in DL4J's order {@code [a, f, o, i]}:
 * <pre>
 * z_t = x_t·W + h_{t−1}·RW + b          a = tanh(z_a), f = σ(z_f), o = σ(z_o), i = σ(z_i)
 * c_t = f ⊙ c_{t−1} + i ⊙ a             h_t = o ⊙ tanh(c_t)            (h_{−1} = c_{−1} = 0)
 * </pre>
 * and back through time, {@code dh_t = ε_t + dz_{t+1}·RWᵀ}, {@code dc_t = dc_{t+1} ⊙ f_{t+1} + dh_t ⊙ o ⊙ (1 − tanh²c_t)},
 * {@code dz_o = dh_t ⊙ tanh c_t ⊙ o(1−o)}, {@code dz_f = dc_t ⊙ c_{t−1} ⊙ f(1−f)}, {@code dz_i = dc_t ⊙ a ⊙ i(1−i)},
 * {@code dz_a = dc_t ⊙ i ⊙ (1−a²)}. The products over all steps at once are GEMMs: {@code x·W} before
 * the recurrence, {@code dW = xᵀ·dz}, {@code dRW = h_{t−1}ᵀ·dz}, {@code dx = dz·Wᵀ} after it.
 *
 * <p>Inside the recurrence the arrays are feature-major with the batch innermost ({@code (4u, T·B)}
 * for the gates): every inner loop is a long, vectorizable run over the batch. The samples of a batch
 * are independent, so the batch is split into one range per core for the whole pass (no per-step
 * synchronisation). The training forward pass keeps the activated gates, cells and hidden states for
 * the backward pass, which overwrites the gates with their gradients. With a sequence mask, a masked
 * step keeps {@code h} and {@code c} (Keras's carry-over; its gate gradients are 0 and {@code dh},
 * {@code dc} pass through it).
 */
final class LstmKernel {
    /** Samples per thread below which a batch is not split. */
    private static final int MIN_RANGE = 16;
    /** Floats of scratch an inference pass may leave allocated for the next call (16 MiB of gates). */
    private static final int KEEP_AFTER_INFERENCE = 1 << 22;

    private int batch;
    private int steps;
    private int units;
    private boolean forwardKept;
    /** (4u, T·B): pre-activations, then the activated gates, then (backward) their gradients. */
    private float[] gates = new float[0];
    /** (u, (T+1)·B): c_{t−1} at column block t (block 0 is c_{−1} = 0). */
    private float[] cells = new float[0];
    /** (u, (T+1)·B): h_{t−1} at column block t. */
    private float[] hidden = new float[0];
    /** (u, T·B): tanh(c_t). */
    private float[] tanhCells = new float[0];
    private float[] recurrent = new float[0];
    /** (B, T): 1 at the steps to compute, 0 at the masked ones; null without a mask. */
    private float[] mask;
    private boolean zeroMasked;

    /** Whether arrays of this size fit the kernel's Java arrays. */
    static boolean fits(long batch, long steps, long units) {
        return 4L * units * (steps + 1) * batch < Integer.MAX_VALUE - 64;
    }

    /** Whether the last forward pass kept its values for a backward pass over a batch of this shape. */
    boolean keptFor(long batch, long steps) {
        return forwardKept && batch == this.batch && steps == this.steps;
    }

    /** Forgets the kept forward pass. */
    void forget() {
        forwardKept = false;
    }

    private void release() {
        forwardKept = false;
        gates = new float[0];
        cells = new float[0];
        hidden = new float[0];
        tanhCells = new float[0];
    }

    /**
     * The output {@code (B, T, u)} of input {@code x (B, T, n)}, created as {@code outType}; with
     * {@code keep} the pass's values stay for {@link #backward}, else large scratch arrays are dropped.
     * With a {@code (B, T)} {@code mask} (null: none) a masked step leaves the state as it was (Keras's
     * carry-over) and outputs the carried {@code h}, or zeros with {@code zeroMasked}.
     */
    INDArray forward(INDArray x, INDArray w, INDArray rw, INDArray bias, float[] mask, boolean zeroMasked,
                     boolean keep, LayerWorkspaceMgr ws, ArrayType outType, ArrayType workType) {
        int b = (int) x.size(0);
        int t = (int) x.size(1);
        int u = (int) rw.size(0);
        int g = 4 * u;
        int tb = t * b;
        batch = b;
        steps = t;
        units = u;
        this.mask = mask;
        this.zeroMasked = zeroMasked;
        gates = ensure(gates, g * tb);
        cells = ensure(cells, u * (tb + b));
        hidden = ensure(hidden, u * (tb + b));
        tanhCells = ensure(tanhCells, u * tb);
        recurrent = DenseFloats.read(rw, ensure(recurrent, u * g));
        float[] bv = DenseFloats.read(bias);

        INDArray z = ws.createUninitialized(workType, DataType.FLOAT, new long[] {g, tb}, 'c');
        DirectGemm.gemm(w, timeMajor(x, ws, workType), z, true, true);   // Wᵀ·xᵀ: (4u, T·B)
        DenseFloats.read(z, gates);

        float[] out = new float[b * t * u];
        inRanges(b, (from, to) -> forwardRange(from, to, bv, out));
        forwardKept = keep;
        if (!keep && gates.length > KEEP_AFTER_INFERENCE) {
            release();
        }
        INDArray output = ws.createUninitialized(outType, DataType.FLOAT, new long[] {b, t, u}, 'c');
        DenseFloats.write(out, output);
        return output;
    }

    /**
     * Backpropagates {@code epsilon (B, T, u)} through the kept forward pass of {@code x}: writes the
     * parameter gradients into {@code gradientViews} and returns the gradient and the input's gradient.
     */
    org.nd4j.common.primitives.Pair<Gradient, INDArray> backward(INDArray epsilon, INDArray x, INDArray w,
                                                                  Map<String, INDArray> gradientViews, LayerWorkspaceMgr ws) {
        if (!keptFor(x.size(0), x.size(1))) {
            throw new IllegalStateException("LSTM backward pass without its forward pass");
        }
        forwardKept = false;
        int b = batch;
        int t = steps;
        int u = units;
        int g = 4 * u;
        int tb = t * b;
        Strided eps = Strided.of(epsilon);
        inRanges(b, (from, to) -> backwardRange(from, to, eps));

        INDArray dz = ws.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {g, tb}, 'c');
        DenseFloats.write(gates, dz);
        INDArray xtm = timeMajor(x, ws, ArrayType.BP_WORKING_MEM);
        long n = x.size(2);

        INDArray dw = ws.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {n, g}, 'c');
        DirectGemm.gemm(xtm, dz, dw, true, true);   // xᵀ·dzᵀ
        INDArray dwView = gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        dwView.assign(dw);

        INDArray hp = ws.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {u, tb}, 'c');
        java.nio.FloatBuffer hpValues = dev.kerasj.internal.BufferViews.floats(hp.data());
        for (int k = 0; k < u; k++) {   // h_{t−1} as (u, T·B): each unit's first T·B columns
            hpValues.put(DenseFloats.start(hp) + k * tb, hidden, k * (tb + b), tb);
        }
        INDArray drw = ws.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {u, g}, 'c');
        DirectGemm.gemm(hp, dz, drw, false, true);
        INDArray drwView = gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        drwView.assign(drw);

        INDArray dbView = gradientViews.get(LSTMParamInitializer.BIAS_KEY);   // Σ over T·B of dz: dz · 1
        DirectGemm.gemm(dz, ReluPasses.ones(tb), Reshapes.rowMajor(dbView, g, 1), false, true);

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(LSTMParamInitializer.INPUT_WEIGHT_KEY, dwView);
        gradient.gradientForVariable().put(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, drwView);
        gradient.gradientForVariable().put(LSTMParamInitializer.BIAS_KEY, dbView);

        INDArray dxtm = ws.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {tb, n}, 'c');
        DirectGemm.gemm(dz, w, dxtm, true, true);   // dzᵀ·Wᵀ: (T·B, n), time-major
        INDArray dx = ws.dup(ArrayType.ACTIVATION_GRAD, dxtm.reshape('c', t, b, n).permute(1, 0, 2), 'c');
        return new org.nd4j.common.primitives.Pair<>(gradient, dx);
    }

    /**
     * Forward recurrence of samples {@code [from, to)}; writes their outputs into {@code out (B, T, u)}.
     * Each step works on rows of this range copied into small arrays ({@code zr}: gates, {@code hr},
     * {@code cr}: state), so the inner loops index two arrays from 0 (C2 vectorizes those; with offsets
     * into the large arrays it cannot rule out overlap and stays scalar).
     */
    private void forwardRange(int from, int to, float[] bias, float[] out) {
        int t = steps;
        int u = units;
        int hb = t * batch + batch;
        int n = to - from;
        float[][] zr = new float[4 * u][n];
        float[][] hr = new float[u][n];
        float[][] cr = new float[u][n];
        float[] tc = new float[n];
        float[] mr = mask == null ? null : new float[n];
        float[] pc = mask == null ? null : new float[n];
        float[] ph = mask == null ? null : new float[n];
        for (int k = 0; k < u; k++) {   // h_{−1} = c_{−1} = 0
            System.arraycopy(hr[k], 0, hidden, k * hb + from, n);
            System.arraycopy(cr[k], 0, cells, k * hb + from, n);
        }
        for (int s = 0; s < t; s++) {
            forwardStep(s, from, bias, zr, hr, cr, tc, mr, pc, ph);
        }
        writeOutputs(from, to, out);
    }

    /**
     * Step {@code s} of {@link #forwardRange}: the state {@code hr, cr} of its samples from step {@code s − 1} to
     * {@code s}. A method of its own (and {@link #writeOutputs}), not a loop body: the JIT compiles a long-running
     * loop twice, once on stack replacement while it runs and again for the next call, each time with every callee
     * inlined; one step per call is compiled once (an LSTM's first epoch compiled forwardRange four times, 220 ms of
     * the compiler's CPU, JFR).
     */
    private void forwardStep(int s, int from, float[] bias, float[][] zr, float[][] hr, float[][] cr, float[] tc,
                             float[] mr, float[] pc, float[] ph) {
        int b = batch;
        int u = units;
        int g = 4 * u;
        int tb = steps * b;
        int hb = tb + b;
        int n = tc.length;
        int col = s * b + from;
        moveGates(col, zr, true);
        stepMask(mr, from, s);
        for (int j = 0; j < g; j++) {
            float[] row = zr[j];
            add(bias[j], row, n);
            if (s > 0) {
                int k = 0;
                for (; k + 4 <= u; k += 4) {   // four units per pass over the row: a quarter of the loads and stores
                    axpy4(recurrent[k * g + j], hr[k], recurrent[(k + 1) * g + j], hr[k + 1],
                            recurrent[(k + 2) * g + j], hr[k + 2], recurrent[(k + 3) * g + j], hr[k + 3], row, n);
                }
                for (; k < u; k++) {
                    axpy(recurrent[k * g + j], hr[k], row, n);
                }
            }
        }
        for (int k = 0; k < u; k++) {
            if (mr != null) {
                System.arraycopy(cr[k], 0, pc, 0, n);
                System.arraycopy(hr[k], 0, ph, 0, n);
            }
            cellStep(zr[k], zr[u + k], zr[2 * u + k], zr[3 * u + k], cr[k], tc, hr[k], n);
            if (mr != null) {
                for (int i = 0; i < n; i++) {
                    if (mr[i] == 0f) {   // the state carries over a masked step
                        cr[k][i] = pc[i];
                        hr[k][i] = ph[i];
                        tc[i] = 0f;
                    }
                }
            }
            int next = k * hb + col + b;
            System.arraycopy(cr[k], 0, cells, next, n);
            System.arraycopy(hr[k], 0, hidden, next, n);
            System.arraycopy(tc, 0, tanhCells, k * tb + col, n);
        }
        moveGates(col, zr, false);
    }

    /** The outputs {@code (B, T, u)} of samples {@code [from, to)} from the hidden states (zero where masked, if so set). */
    private void writeOutputs(int from, int to, float[] out) {
        int t = steps;
        int u = units;
        int hb = t * batch + batch;
        for (int s = 0; s < t; s++) {
            for (int k = 0; k < u; k++) {
                int src = k * hb + (s + 1) * batch;
                for (int i = from; i < to; i++) {
                    boolean zero = zeroMasked && mask != null && mask[i * t + s] == 0f;
                    out[(i * t + s) * u + k] = zero ? 0f : hidden[src + i];
                }
            }
        }
    }

    /**
     * One step of one unit over {@code n} samples: activates the gate pre-activations in place
     * ({@code a = tanh}, {@code f, o, i = σ}), then {@code c = f·c + i·a}, {@code tc = tanh c}, {@code h = o·tc}.
     */
    private static void cellStep(float[] a, float[] f, float[] o, float[] in, float[] c, float[] tc, float[] h, int n) {
        // one short loop per formula: C2 turns each into vector instructions, where one loop over all of them
        // (five activations and the cell update per sample) stays scalar and ran 5-7x slower (one-JVM timing)
        tanhInPlace(a, n);
        sigmoidInPlace(f, n);
        sigmoidInPlace(o, n);
        sigmoidInPlace(in, n);
        for (int i = 0; i < n; i++) {
            c[i] = f[i] * c[i] + in[i] * a[i];
        }
        for (int i = 0; i < n; i++) {
            tc[i] = tanh(c[i]);
        }
        for (int i = 0; i < n; i++) {
            h[i] = o[i] * tc[i];
        }
    }

    private static void tanhInPlace(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = tanh(v[i]);
        }
    }

    private static void sigmoidInPlace(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = sigmoid(v[i]);
        }
    }

    /** Backward recurrence of samples {@code [from, to)}: the gates become their gradients in place. */
    private void backwardRange(int from, int to, Strided eps) {
        int u = units;
        int n = to - from;
        float[][] zr = new float[4 * u][n];
        float[][] dh = new float[u][n];
        float[][] dc = new float[u][n];
        float[] tc = new float[n];
        float[] cp = new float[n];
        float[] mr = mask == null ? null : new float[n];
        float[] pdc = mask == null ? null : new float[n];
        for (int s = steps - 1; s >= 0; s--) {
            backwardStep(s, from, eps.values, eps.sample, eps.step, eps.unit, zr, dh, dc, tc, cp, mr, pdc);
        }
    }

    /** Step {@code s} of {@link #backwardRange} (a method of its own for the reason given at {@link #forwardStep}). */
    private void backwardStep(int s, int from, float[] eps, int sampleStride, int stepStride, int unitStride,
                              float[][] zr, float[][] dh, float[][] dc, float[] tc, float[] cp, float[] mr, float[] pdc) {
        int t = steps;
        int u = units;
        int tb = t * batch;
        int hb = tb + batch;
        int n = tc.length;
        int col = s * batch + from;
        moveGates(col, zr, true);
        stepMask(mr, from, s);
        for (int k = 0; k < u; k++) {
            float[] d = dh[k];
            for (int i = 0; i < n; i++) {
                if (mr == null || mr[i] != 0f || !zeroMasked) {   // a zeroed output has no gradient
                    d[i] += eps[(from + i) * sampleStride + s * stepStride + k * unitStride];
                }
            }
            System.arraycopy(tanhCells, k * tb + col, tc, 0, n);
            System.arraycopy(cells, k * hb + col, cp, 0, n);   // c_{t−1}
            if (mr != null) {
                System.arraycopy(dc[k], 0, pdc, 0, n);
            }
            cellGradient(zr[k], zr[u + k], zr[2 * u + k], zr[3 * u + k], tc, cp, d, dc[k], n);
            if (mr != null) {
                for (int i = 0; i < n; i++) {
                    if (mr[i] == 0f) {   // a carried step: no gate gradients, dc passes through
                        zr[k][i] = 0f;
                        zr[u + k][i] = 0f;
                        zr[2 * u + k][i] = 0f;
                        zr[3 * u + k][i] = 0f;
                        dc[k][i] = pdc[i];
                    }
                }
            }
        }
        moveGates(col, zr, false);
        // dh_{t−1} = RW·dz_t (per sample: Σ_j RW[k, j]·dz[j]) plus, at a masked step, dh_t itself
        // (h_t = h_{t−1} there); at t = 0 nobody needs it
        for (int k = 0; k < u; k++) {
            float[] d = dh[k];
            for (int i = 0; i < n; i++) {
                d[i] = mr != null && mr[i] == 0f ? d[i] : 0f;
            }
        }
        if (s > 0) {
            int gates = zr.length;
            for (int k = 0; k < u; k++) {   // dh[k] += Σ_j RW[k, j]·dz[j], four gates per pass over dh[k]
                float[] d = dh[k];
                int r = k * gates;
                int j = 0;
                for (; j + 4 <= gates; j += 4) {
                    axpy4(recurrent[r + j], zr[j], recurrent[r + j + 1], zr[j + 1], recurrent[r + j + 2], zr[j + 2],
                            recurrent[r + j + 3], zr[j + 3], d, n);
                }
                for (; j < gates; j++) {
                    axpy(recurrent[r + j], zr[j], d, n);
                }
            }
        }
    }

    /**
     * One step of one unit's gradient over {@code n} samples: the activated gates {@code a, f, o, i}
     * become the pre-activation gradients in place, given {@code dh} (= ε + the recurrent part),
     * {@code tc = tanh c_t}, {@code cp = c_{t−1}}; {@code dc} carries {@code dc_t·f} to the step before.
     */
    private static void cellGradient(float[] a, float[] f, float[] o, float[] in, float[] tc, float[] cp, float[] dh,
                                     float[] dc, int n) {
        for (int i = 0; i < n; i++) {
            float dhv = dh[i];
            float av = a[i];
            float fv = f[i];
            float ov = o[i];
            float iv = in[i];
            float t = tc[i];
            float dcv = dc[i] + dhv * ov * (1f - t * t);
            o[i] = dhv * t * ov * (1f - ov);
            f[i] = dcv * cp[i] * fv * (1f - fv);
            in[i] = dcv * av * iv * (1f - iv);
            a[i] = dcv * iv * (1f - av * av);
            dc[i] = dcv * fv;
        }
    }

    /** {@code x (B, T, n)} as the time-major matrix {@code (T·B, n)}. */
    private static INDArray timeMajor(INDArray x, LayerWorkspaceMgr ws, ArrayType type) {
        return ws.dup(type, x.permute(1, 0, 2), 'c').reshape('c', x.size(1) * x.size(0), x.size(2));
    }

    /** Runs {@code body} over one range of samples per core (the caller's thread takes one). */
    private static void inRanges(int batch, RangeBody body) {
        int ranges = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), batch / MIN_RANGE));
        if (ranges == 1) {
            body.run(0, batch);
            return;
        }
        IntStream.range(0, ranges).parallel().forEach(r -> body.run(r * batch / ranges, (r + 1) * batch / ranges));
    }

    private interface RangeBody {
        void run(int from, int to);
    }

    /** The mask of samples {@code [from, from + rows.length)} at step {@code s} into {@code rows} (if not null). */
    private void stepMask(float[] rows, int from, int s) {
        if (rows != null) {
            for (int i = 0; i < rows.length; i++) {
                rows[i] = mask[(from + i) * steps + s];
            }
        }
    }

    /**
     * Copies the gate rows of the samples at columns {@code [col, col + n)} of the gate array into
     * {@code rows} ({@code in}), or back from them.
     */
    private void moveGates(int col, float[][] rows, boolean in) {
        int tb = steps * batch;
        for (int j = 0; j < rows.length; j++) {
            if (in) {
                System.arraycopy(gates, j * tb + col, rows[j], 0, rows[j].length);
            } else {
                System.arraycopy(rows[j], 0, gates, j * tb + col, rows[j].length);
            }
        }
    }

    /** {@code y[0..n) += a·x[0..n)}: C2 compiles it to a vector loop. */
    private static void axpy(float a, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += a * x[i];
        }
    }

    /** {@code y += a0·x0 + a1·x1 + a2·x2 + a3·x3}. */
    private static void axpy4(float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3, float[] x3,
                              float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += a0 * x0[i] + a1 * x1[i] + a2 * x2[i] + a3 * x3[i];
        }
    }

    private static void add(float a, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += a;
        }
    }

    private static float[] ensure(float[] a, int length) {
        return a.length >= length ? a : new float[length];
    }

    /** σ(x) = (1 + tanh(x/2)) / 2: within 2e-7 of 1/(1 + e^{−x}) (absolute), in float arithmetic only. */
    static float sigmoid(float x) {
        return 0.5f * tanh(0.5f * x) + 0.5f;
    }

    /**
     * tanh(x) as the rational function {@code x·P(x²)/Q(x²)} on [−9, 9] (P of degree 6, Q of degree 3, fitted for
     * kerasj towards minimax relative error by tools/lstm/fit_tanh.py), ±1 beyond (tanh(9) rounds to 1 in float):
     * at most 3.7e-7 relative error in float. Only multiplications, additions, one division and min/max, which C2
     * compiles to vector instructions across a loop's samples; {@code Math.exp} is a scalar call per value (28 % of an
     * LSTM training step, async-profiler).
     */
    static float tanh(float x) {
        float c = Math.min(Math.max(x, -9f), 9f);
        float z = c * c;
        float p = ((((((-8.488988e-14f * z + 5.2780592e-11f) * z - 2.0225462e-8f) * z + 1.1154369e-5f) * z
                + 3.1039622e-3f) * z + 1.3084015e-1f) * z + 1f);
        float q = ((2.5461536e-4f * z + 2.4495201e-2f) * z + 4.6417344e-1f) * z + 1f;
        return Math.min(Math.max(c * p / q, -1f), 1f);
    }

    /**
     * The output gradient {@code ε (B, T, u)} as Java values and the strides that index them. DL4J hands the LSTM a
     * permuted view (its last-step layer builds ε as {@code (B, u, T)}); that view's buffer is read as it lies, one
     * bulk copy, where making it row-major first was an ND4J copy op of the whole array per batch.
     */
    private record Strided(float[] values, int sample, int step, int unit) {
        static Strided of(INDArray e) {
            if (e.rank() == 3 && DenseFloats.isDenseBlock(e)) {
                float[] v = new float[Math.toIntExact(e.length())];
                dev.kerasj.internal.BufferViews.floats(e.data()).get(DenseFloats.start(e), v, 0, v.length);
                return new Strided(v, (int) e.stride(0), (int) e.stride(1), (int) e.stride(2));
            }
            int t = (int) e.size(1);
            int u = (int) e.size(2);
            return new Strided(DenseFloats.read(e), t * u, u, 1);
        }
    }
}
