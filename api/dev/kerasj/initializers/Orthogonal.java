package dev.kerasj.initializers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A random orthogonal matrix, Keras's {@code Orthogonal}: the weight is viewed as
 * {@code (prod(shape[:-1]), shape[-1])}; a standard-normal matrix of that shape (transposed when it has
 * fewer rows than columns) is QR-factorised, {@code Q} is sign-corrected by {@code diag(R)} (so the
 * result is uniformly distributed), and scaled by {@code gain}. Rows (or columns) are orthonormal.
 * Defaults: gain 1.0, seed none. The default recurrent-kernel initializer in Keras.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new Orthogonal(1.0, 3L))
 * }</pre>
 */
public final class Orthogonal extends Initializer {
    private final double gain;

    public Orthogonal() {
        this(1.0, null);
    }

    public Orthogonal(double gain, Long seed) {
        super(seed);
        this.gain = gain;
    }

    public double gain() {
        return gain;
    }

    @Override
    protected void fill(float[] values, long[] shape, SplittableRandom rng) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Invalid shape for Orthogonal: expected at least 2 dimensions. Received: shape="
                    + java.util.Arrays.toString(shape));
        }
        int cols = (int) shape[shape.length - 1];
        int rows = values.length / cols;
        boolean transposed = rows < cols;
        int m = transposed ? cols : rows;   // m ≥ n
        int n = transposed ? rows : cols;
        double[][] a = new double[n][m];    // column-major: a[j] is column j of the m×n matrix
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[j][i] = gaussian(rng);
            }
        }
        // Modified Gram–Schmidt: Q with R's diagonal positive, i.e. Q·sign(diag(R)) of any QR
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < m; i++) {
                    dot += a[k][i] * a[j][i];
                }
                for (int i = 0; i < m; i++) {
                    a[j][i] -= dot * a[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += a[j][i] * a[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) {
                a[j][i] /= norm;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double q = transposed ? a[r][c] : a[c][r];
                values[r * cols + c] = (float) (gain * q);
            }
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("gain", gain);
        return c;
    }

    static Orthogonal fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Orthogonal", config);
        return new Orthogonal(r.number("gain", 1.0), VarianceScaling.seedOf(r));
    }
}
