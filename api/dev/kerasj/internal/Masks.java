package dev.kerasj.internal;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Selecting the unmasked steps of sequence arrays, for losses and metrics on masked outputs. */
public final class Masks {
    private Masks() {
    }

    /** The flat indices {@code sample·timesteps + step} of the kept (non-zero) entries of a {@code (batch, timesteps)} mask. */
    public static long[] keptSteps(INDArray mask) {
        float[] m = mask.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').reshape('c', new long[] {mask.length()})
                .toFloatVector();
        int n = 0;
        for (float v : m) {
            n += v != 0 ? 1 : 0;
        }
        long[] kept = new long[n];
        for (int i = 0, k = 0; i < m.length; i++) {
            if (m[i] != 0) {
                kept[k++] = i;
            }
        }
        return kept;
    }

    /** The steps {@code kept} of a sequence array {@code (batch, timesteps, …)} as rows {@code (kept, …)}. */
    public static INDArray steps(INDArray a, long[] kept) {
        long[] shape = a.shape();
        long[] rows = new long[Math.max(2, shape.length - 1)];
        rows[0] = shape[0] * shape[1];
        for (int i = 2; i < shape.length; i++) {
            rows[i - 1] = shape[i];
        }
        if (shape.length == 2) {
            rows[1] = 1; // sparse labels (batch, timesteps)
        }
        INDArray flat = (a.ordering() == 'c' ? a : a.dup('c')).reshape('c', rows.clone());
        INDArray picked = flat.getRows(toInts(kept));
        return shape.length == 2 ? picked.reshape('c', new long[] {picked.size(0)}) : picked;
    }

    private static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }
}
