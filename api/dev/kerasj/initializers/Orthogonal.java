package dev.kerasj.initializers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * An orthogonal matrix times {@code gain}, as Keras's {@code Orthogonal} (the default recurrent kernel
 * initializer of {@code LSTM}, {@code GRU} and {@code SimpleRNN}).
 *
 * <p>The shape is read as a matrix {@code (Π shape[:-1], shape[-1])}; a standard normal matrix of shape
 * {@code (max, min)} of those two is QR-decomposed, Q's columns are signed so that R's diagonal is
 * positive, and Q (transposed when there are fewer rows than columns) is the result: its rows (or
 * columns) are orthonormal. Defaults: gain 1.0, seed none.
 *
 * <pre>{@code
 * new LSTM(32).recurrentInitializer(new Orthogonal(1.0, 42L))
 * }</pre>
 */
public final class Orthogonal extends Initializer {
    private final double gain;

    public Orthogonal() {
        this(1.0, null);
    }

    public Orthogonal(double gain, Long seed) {
        super(seed);
        this.gain = Checks.positive("gain", gain);
    }

    public double gain() {
        return gain;
    }

    @Override
    protected void fill(float[] values, long[] shape, SplittableRandom rng) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Invalid shape for the Orthogonal initializer: expected at least 2 "
                    + "dimensions. Received: shape=" + java.util.Arrays.toString(shape));
        }
        int cols = (int) shape[shape.length - 1];
        int rows = values.length / Math.max(cols, 1);
        int m = Math.max(rows, cols);
        int n = Math.min(rows, cols);
        double[][] a = new double[n][m]; // column-major: a[j] is column j of the (m, n) matrix
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[j][i] = gaussian(rng);
            }
        }
        // modified Gram–Schmidt: Q's columns, with R's diagonal (the norms) positive
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
                // rows >= cols: Q[r][c]; rows < cols: Qᵀ[r][c] = Q[c][r]
                double q = rows >= cols ? a[c][r] : a[r][c];
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
