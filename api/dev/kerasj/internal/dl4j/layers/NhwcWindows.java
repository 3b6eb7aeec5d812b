package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The sliding windows of a 2-D convolution or pooling over a channels-last {@code (batch, h, w, c)}
 * float image (dilation 1), with the loops kerasj runs over them in Java: im2col / col2im for
 * {@link FastConv2DLayer} and max and average pooling for {@link FastPooling2DLayer}.
 *
 * <p>Output size and padding are DL4J's own ({@link ConvolutionUtils}): "valid" ({@code Truncate})
 * floors {@code (in + 2·pad − k) / s + 1}; "same" gives {@code ceil(in / s)} with the padding split
 * as TensorFlow does, {@code ⌊total / 2⌋} before and the rest after. Positions in the padding read as
 * 0 in im2col and are skipped by pooling (as Keras pads max pooling with −∞ and leaves padding out of an
 * average's divisor).
 */
final class NhwcWindows {
    final int batch, h, w, c, kh, kw, sh, sw, oh, ow, padTop, padLeft;

    private NhwcWindows(int batch, int h, int w, int c, int kh, int kw, int sh, int sw, int oh, int ow, int padTop,
                        int padLeft) {
        this.batch = batch;
        this.h = h;
        this.w = w;
        this.c = c;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.oh = oh;
        this.ow = ow;
        this.padTop = padTop;
        this.padLeft = padLeft;
    }

    /** The windows of {@code kernel}/{@code strides} over the NHWC {@code input}, as DL4J computes them. */
    static NhwcWindows of(INDArray input, int[] kernel, int[] strides, int[] padding, ConvolutionMode mode) {
        int[] ones = {1, 1};
        int h = (int) input.size(1);
        int w = (int) input.size(2);
        int[] out;
        int[] pad;
        if (mode == ConvolutionMode.Same) {
            out = ConvolutionUtils.getOutputSize(input, kernel, strides, null, mode, ones, CNN2DFormat.NHWC);
            pad = ConvolutionUtils.getSameModeTopLeftPadding(out, new int[] {h, w}, kernel, strides, ones);
        } else {
            pad = padding;
            out = ConvolutionUtils.getOutputSize(input, kernel, strides, pad, mode, ones, CNN2DFormat.NHWC);
        }
        return new NhwcWindows((int) input.size(0), h, w, (int) input.size(3), kernel[0], kernel[1], strides[0],
                strides[1], out[0], out[1], pad[0], pad[1]);
    }

    /** The same windows over {@code images} images instead of {@code batch}: a block of the batch. */
    NhwcWindows images(int images) {
        return images == batch ? this
                : new NhwcWindows(images, h, w, c, kh, kw, sh, sw, oh, ow, padTop, padLeft);
    }

    /** Whether the image, the output and the im2col matrix each fit in one Java array (else: DL4J's code). */
    boolean fitsJavaArrays() {
        long limit = Integer.MAX_VALUE - 8;
        return (long) batch * h * w * c <= limit && (long) batch * oh * ow * kh * kw * c <= limit
                && (long) batch * oh * ow * Math.max(c, 1) <= limit;
    }

    /** Rows of the im2col matrix: one per output position, {@code batch·oh·ow}. */
    int rows() {
        return batch * oh * ow;
    }

    /** Columns of the im2col matrix: one per kernel tap and channel, {@code kh·kw·c}. */
    int patch() {
        return kh * kw * c;
    }

    /** The output shape {@code (batch, oh, ow, channels)}. */
    long[] outputShape(long channels) {
        return new long[] {batch, oh, ow, channels};
    }

    /**
     * Rows {@code row0..row1} of {@code x}'s {@code (rows(), patch())} im2col matrix, row-major, written into the
     * start of {@code col}: row {@code (b, i, j)} holds the window at output {@code (i, j)} as {@code kh·kw} runs of
     * {@code c} channels, zeros in the padding (written here: {@code col} may hold anything before).
     */
    void im2col(float[] x, int row0, int row1, float[] col) {
        int rowLen = patch();
        int runLen = kw * c;
        for (int r = row0; r < row1; r++) {
            int j = r % ow;
            int i = r / ow % oh;
            int b = r / (ow * oh);
            int row = (r - row0) * rowLen;
            int iw0 = j * sw - padLeft;
            int k0 = Math.max(0, -iw0);
            int k1 = Math.min(kw, w - iw0);
            int ih0 = i * sh - padTop;
            if (k0 > 0 || k1 < kw || ih0 < 0 || ih0 + kh > h) {
                Arrays.fill(col, row, row + rowLen, 0f);   // a window reaching into the padding
            }
            if (k1 <= k0) {
                continue;
            }
            for (int p = 0; p < kh; p++) {
                int ih = ih0 + p;
                if (ih < 0 || ih >= h) {
                    continue;
                }
                // the taps k0..k1 of this kernel row are adjacent pixels: one contiguous run
                copy(x, ((b * h + ih) * w + iw0 + k0) * c, col, row + p * runLen + k0 * c, (k1 - k0) * c);
            }
        }
    }

    /** {@code System.arraycopy}, with a plain loop for the short runs of few-channel images (cheaper than the call). */
    private static void copy(float[] src, int from, float[] dst, int to, int n) {
        if (n >= 32) {
            System.arraycopy(src, from, dst, to, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[to + i] = src[from + i];
        }
    }

    /**
     * The adjoint of {@link #im2col} for rows {@code row0..row1}: each entry of those rows of the im2col matrix,
     * held from the start of {@code col}, added to the pixel of {@code x} ({@code batch·h·w·c}, NHWC) it was
     * read from. Over all rows in order, from {@code x} = 0: the input gradient.
     */
    void col2im(float[] col, int row0, int row1, float[] x) {
        int rowLen = patch();
        int runLen = kw * c;
        for (int r = row0; r < row1; r++) {
            int j = r % ow;
            int i = r / ow % oh;
            int b = r / (ow * oh);
            int row = (r - row0) * rowLen;
            int iw0 = j * sw - padLeft;
            int k0 = Math.max(0, -iw0);
            int k1 = Math.min(kw, w - iw0);
            if (k1 <= k0) {
                continue;
            }
            int n = (k1 - k0) * c;
            for (int p = 0; p < kh; p++) {
                int ih = i * sh - padTop + p;
                if (ih < 0 || ih >= h) {
                    continue;
                }
                int dst = ((b * h + ih) * w + iw0 + k0) * c;
                int src = row + p * runLen + k0 * c;
                for (int q = 0; q < n; q++) {
                    x[dst + q] += col[src + q];
                }
            }
        }
    }

    /**
     * Max pooling of {@code x}: the output's values in {@code out} ({@code batch·oh·ow·c}, NHWC) and, in
     * {@code argmax}, the input index each one was taken from: the first maximum of its window in
     * row-major window order (TensorFlow's choice for ties; padding never wins; a window holding NaN outputs NaN
     * and routes to the first maximum before its first NaN, or to its first pixel), written from
     * {@code argmax[argmaxFrom]} on. {@code argmax} may be null (inference). The arrays may be longer than the
     * output: the rest is left alone.
     */
    void maxPool(float[] x, float[] out, int[] argmax, int argmaxFrom) {
        if (padTop == 0 && padLeft == 0 && (oh - 1) * sh + kh <= h && (ow - 1) * sw + kw <= w && kh * kw <= 1 << 12) {
            maxPoolInside(x, out, argmax, argmaxFrom);
            return;
        }
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < oh; i++) {
                int p0 = Math.max(0, i * sh - padTop);
                int p1 = Math.min(h, i * sh - padTop + kh);
                for (int j = 0; j < ow; j++) {
                    int q0 = Math.max(0, j * sw - padLeft);
                    int q1 = Math.min(w, j * sw - padLeft + kw);
                    int o = ((b * oh + i) * ow + j) * c;
                    if (p1 <= p0 || q1 <= q0) {
                        Arrays.fill(out, o, o + c, Float.NEGATIVE_INFINITY);
                        if (argmax != null) {
                            Arrays.fill(argmax, argmaxFrom + o, argmaxFrom + o + c, -1);
                        }
                        continue;
                    }
                    // one pass over the window, channels innermost (contiguous, no unpredictable branch); a later
                    // pixel takes the argmax only when strictly greater, so equal maxima keep the first
                    int first = ((b * h + p0) * w + q0) * c;
                    System.arraycopy(x, first, out, o, c);
                    if (argmax == null) {
                        for (int p = p0; p < p1; p++) {
                            for (int q = q0; q < q1; q++) {
                                int s = ((b * h + p) * w + q) * c;
                                for (int ch = 0; ch < c; ch++) {
                                    out[o + ch] = Math.max(out[o + ch], x[s + ch]);
                                }
                            }
                        }
                        continue;
                    }
                    int a = argmaxFrom + o;
                    for (int ch = 0; ch < c; ch++) {
                        argmax[a + ch] = first + ch;
                    }
                    for (int p = p0; p < p1; p++) {
                        for (int q = q0; q < q1; q++) {
                            int s = ((b * h + p) * w + q) * c;
                            for (int ch = 0; ch < c; ch++) {
                                float v = x[s + ch];
                                float m = out[o + ch];
                                argmax[a + ch] = v > m ? s + ch : argmax[a + ch];
                                out[o + ch] = Math.max(m, v);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link #maxPool} when every window lies inside the image, an output row at a time in vector loops: each
     * tap's pixels are gathered into a row of their own, then per tap {@code m = max(m, v)} and the window tap of
     * the maximum {@code k += (tap − k) · step(v − m)}, {@code step(d) = min(1, max(d, 0) · 2¹²⁶)} (1 when
     * {@code v} is greater, 0 when not: a later equal value keeps the first), all arithmetic: the compare-and-select
     * of {@link #maxPool}'s general loop is a branch the CPU mispredicts on a quarter to half of the values. An
     * output that is NaN takes the general loop's routing.
     */
    private void maxPoolInside(float[] x, float[] out, int[] argmax, int argmaxFrom) {
        int row = ow * c;
        int taps = kh * kw;
        float[][] t = new float[taps][row];
        float[] m = new float[row];
        float[] k = argmax == null ? null : new float[row];
        int[] tapOffset = new int[taps];
        for (int a = 0; a < kh; a++) {
            for (int b = 0; b < kw; b++) {
                tapOffset[a * kw + b] = (a * w + b) * c;
            }
        }
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < oh; i++) {
                int rowStart = (n * h + i * sh) * w * c;   // the windows' top-left pixel row
                for (int tap = 0; tap < taps; tap++) {
                    int from = rowStart + tapOffset[tap];
                    if (sw == 1) {
                        System.arraycopy(x, from, t[tap], 0, row);
                    } else {
                        for (int j = 0; j < ow; j++) {
                            System.arraycopy(x, from + j * sw * c, t[tap], j * c, c);
                        }
                    }
                }
                System.arraycopy(t[0], 0, m, 0, row);
                if (k == null) {
                    for (int tap = 1; tap < taps; tap++) {
                        float[] v = t[tap];
                        for (int q = 0; q < row; q++) {
                            m[q] = Math.max(m[q], v[q]);
                        }
                    }
                } else {
                    java.util.Arrays.fill(k, 0f);
                    for (int tap = 1; tap < taps; tap++) {
                        float[] v = t[tap];
                        float tf = tap;
                        for (int q = 0; q < row; q++) {
                            float vq = v[q];
                            float mq = m[q];
                            k[q] += (tf - k[q]) * Math.min(1f, Math.max(vq - mq, 0f) * 0x1p126f);
                            m[q] = Math.max(mq, vq);
                        }
                    }
                }
                int o = (n * oh + i) * row;
                System.arraycopy(m, 0, out, o, row);
                if (k != null) {
                    for (int j = 0; j < ow; j++) {
                        int base = rowStart + j * sw * c;
                        for (int ch = 0; ch < c; ch++) {
                            int q = j * c + ch;
                            argmax[argmaxFrom + o + q] = m[q] == m[q] ? base + tapOffset[(int) k[q]] + ch
                                    : firstMaxBeforeNaN(x, base + ch, tapOffset);
                        }
                    }
                }
            }
        }
    }

    /** The general loop's routing for a window holding NaN: its first maximum before the first NaN, or its first pixel. */
    private static int firstMaxBeforeNaN(float[] x, int first, int[] tapOffset) {
        int best = first;
        float m = x[first];
        for (int tap = 1; tap < tapOffset.length; tap++) {
            float v = x[first + tapOffset[tap]];
            if (v > m) {
                best = first + tapOffset[tap];
            }
            m = Math.max(m, v);
        }
        return best;
    }

    /**
     * Average pooling of {@code x} into {@code out} ({@code batch·oh·ow·c}, NHWC): each window's mean over
     * the pixels inside the image (Keras leaves padding out of the divisor).
     */
    void avgPool(float[] x, float[] out) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < oh; i++) {
                int p0 = Math.max(0, i * sh - padTop);
                int p1 = Math.min(h, i * sh - padTop + kh);
                for (int j = 0; j < ow; j++) {
                    int q0 = Math.max(0, j * sw - padLeft);
                    int q1 = Math.min(w, j * sw - padLeft + kw);
                    int o = ((b * oh + i) * ow + j) * c;
                    Arrays.fill(out, o, o + c, 0f);
                    for (int p = p0; p < p1; p++) {
                        for (int q = q0; q < q1; q++) {
                            int s = ((b * h + p) * w + q) * c;
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] += x[s + ch];
                            }
                        }
                    }
                    float inv = 1f / Math.max(1, (p1 - p0) * (q1 - q0));
                    for (int ch = 0; ch < c; ch++) {
                        out[o + ch] *= inv;
                    }
                }
            }
        }
    }

    /**
     * The gradient of {@link #avgPool} written into {@code dx} ({@code batch·h·w·c}, NHWC; may be longer): each
     * window's {@code dy} shared equally by its pixels inside the image.
     */
    void avgPoolBackward(float[] dy, float[] dx) {
        Arrays.fill(dx, 0, batch * h * w * c, 0f);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < oh; i++) {
                int p0 = Math.max(0, i * sh - padTop);
                int p1 = Math.min(h, i * sh - padTop + kh);
                for (int j = 0; j < ow; j++) {
                    int q0 = Math.max(0, j * sw - padLeft);
                    int q1 = Math.min(w, j * sw - padLeft + kw);
                    int o = ((b * oh + i) * ow + j) * c;
                    float inv = 1f / Math.max(1, (p1 - p0) * (q1 - q0));
                    for (int p = p0; p < p1; p++) {
                        for (int q = q0; q < q1; q++) {
                            int s = ((b * h + p) * w + q) * c;
                            for (int ch = 0; ch < c; ch++) {
                                dx[s + ch] += dy[o + ch] * inv;
                            }
                        }
                    }
                }
            }
        }
    }
}
