package dev.kerasj.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Keras's convolution and pooling arithmetic, shared by every convolution and pooling layer: tuple
 * arguments ({@code kernel_size}, {@code strides}, {@code pool_size}, {@code dilation_rate}) and the
 * output length of one spatial axis.
 *
 * <p>Output length of an axis of length {@code n}, kernel {@code k}, stride {@code s}, dilation
 * {@code d} (Keras's {@code compute_conv_output_shape}): "valid" → {@code ⌊(n − (k−1)·d − 1) / s⌋ + 1};
 * "same" → {@code ⌈n / s⌉}.
 */
public final class ConvArgs {
    private static final List<String> PADDINGS = List.of("valid", "same");

    private ConvArgs() {
    }

    /** A tuple of {@code rank} positive integers; one value is repeated on every axis, as Keras's int argument. */
    public static int[] tuple(String arg, int rank, int... values) {
        if (values == null || (values.length != 1 && values.length != rank)) {
            throw new IllegalArgumentException("Received an invalid value for `" + arg + "`, expected an integer or a "
                    + "tuple of " + rank + " integers. Received: " + arg + "=" + Arrays.toString(values));
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int v = values.length == 1 ? values[0] : values[i];
            if (v <= 0) {
                throw new IllegalArgumentException("Received an invalid value for `" + arg + "`, expected positive "
                        + "integers. Received: " + arg + "=" + Arrays.toString(values));
            }
            out[i] = v;
        }
        return out;
    }

    /** {@code "valid"} or {@code "same"} (case-insensitive, as Keras). */
    public static String padding(String padding) {
        String p = padding == null ? null : padding.toLowerCase(Locale.ROOT);
        if (!PADDINGS.contains(p)) {
            throw new IllegalArgumentException("Received an invalid value for `padding`, expected one of " + PADDINGS
                    + ". Received: padding=" + padding);
        }
        return p;
    }

    /** The output length of one axis, or a value below 1 when "valid" padding leaves nothing. */
    public static long outputLength(long n, int kernel, int stride, int dilation, String padding) {
        if ("same".equals(padding)) {
            return (n + stride - 1) / stride;
        }
        long effective = (long) (kernel - 1) * dilation + 1;
        if (n < effective) {
            return 0;
        }
        return (n - effective) / stride + 1;
    }

    /** Four non-negative border sizes {@code top, bottom, left, right} (ZeroPadding2D, Cropping2D). */
    public static int[] sides(String arg, int top, int bottom, int left, int right) {
        int[] v = {top, bottom, left, right};
        for (int x : v) {
            if (x < 0) {
                throw new IllegalArgumentException("Received an invalid value for `" + arg + "`, expected non-negative "
                        + "integers. Received: " + arg + "=" + Arrays.toString(v));
            }
        }
        return v;
    }

    /** Keras's {@code ((top, bottom), (left, right))}. */
    public static List<List<Integer>> sidesConfig(int[] s) {
        return List.of(List.of(s[0], s[1]), List.of(s[2], s[3]));
    }

    /** Reads an int, {@code (h, w)} or {@code ((top, bottom), (left, right))}; {@code null} gives {@code dflt}. */
    public static int[] sidesFromConfig(Object raw, int dflt) {
        if (raw == null) {
            return new int[] {dflt, dflt, dflt, dflt};
        }
        if (raw instanceof Number n) {
            int v = n.intValue();
            return new int[] {v, v, v, v};
        }
        List<?> l = (List<?>) raw;
        if (l.get(0) instanceof Number) {
            int h = ((Number) l.get(0)).intValue();
            int w = ((Number) l.get(1)).intValue();
            return new int[] {h, h, w, w};
        }
        List<?> a = (List<?>) l.get(0);
        List<?> b = (List<?>) l.get(1);
        return new int[] {((Number) a.get(0)).intValue(), ((Number) a.get(1)).intValue(), ((Number) b.get(0)).intValue(),
                ((Number) b.get(1)).intValue()};
    }

    /** A tuple as a config list. */
    public static List<Integer> list(int[] values) {
        List<Integer> out = new ArrayList<>();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    /** Keras's tuple notation, {@code (3, 3)}. */
    public static String str(int[] values) {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = values[i];
        }
        return Shapes.tuple(l);
    }
}
