package dev.kerasj.explain;

import dev.kerasj.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.function.Function;

/**
 * Shapley values from their definition, independent of the explainers: the coalition value
 * {@code v(S) = (1/m) Σ_b f(x_S, b_¬S)} computed here from the function and the background, and
 * {@code φ_i} as the average over ALL {@code M!} orderings of the features of the marginal contribution
 * {@code v(P ∪ {i}) − v(P)} of i to the features P before it (no Shapley weights, no least squares).
 */
final class ShapleyOracle {
    private ShapleyOracle() {
    }

    /** A batch of rows {@code (r, M)} to their outputs {@code (r, k)}. */
    interface Batch {
        double[][] apply(double[][] rows);
    }

    /** One row to its outputs. */
    interface Row {
        double[] apply(double[] x);
    }

    /** A row function applied to each row of a batch. */
    static Batch rows(Row f) {
        return rows -> {
            double[][] out = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = f.apply(rows[r]);
            }
            return out;
        };
    }

    /** A kerasj model evaluated on float32 rows, as {@code predict} is. */
    static Batch model(Model model) {
        return rows -> toMatrix(model.predict(Nd4j.createFromArray(rows).castTo(DataType.FLOAT)));
    }

    /** The row function as the explainers take it: a DOUBLE {@code (n, M)} array to {@code (n, k)}. */
    static Function<INDArray, INDArray> batched(Row f) {
        return x -> {
            if (x.dataType() != DataType.DOUBLE) {
                throw new AssertionError("the explainer should call the function with the background's dtype (DOUBLE), got "
                        + x.dataType());
            }
            return Nd4j.createFromArray(rows(f).apply(toMatrix(x)));
        };
    }

    /** {@code v(S)} for every coalition, indexed by the bit mask of S ({@code 2^M} entries, {@code k} outputs each). */
    static double[][] coalitionValues(Batch f, double[][] background, double[] x) {
        int mf = x.length;
        int m = background.length;
        double[][] v = new double[1 << mf][];
        for (int mask = 0; mask < 1 << mf; mask++) {
            double[][] rows = new double[m][];
            for (int b = 0; b < m; b++) {
                rows[b] = background[b].clone();
                for (int j = 0; j < mf; j++) {
                    if ((mask >> j & 1) != 0) {
                        rows[b][j] = x[j];
                    }
                }
            }
            double[][] out = f.apply(rows);
            v[mask] = new double[out[0].length];
            for (double[] o : out) {
                for (int t = 0; t < o.length; t++) {
                    v[mask][t] += o[t] / m;
                }
            }
        }
        return v;
    }

    /** φ {@code (k, M)} of row x: the mean marginal contribution over all M! orderings. */
    static double[][] bruteForce(Batch f, double[][] background, double[] x) {
        double[][] v = coalitionValues(f, background, x);
        int mf = x.length;
        int k = v[0].length;
        double[][] sum = new double[k][mf];
        long[] count = new long[1];
        permute(new int[mf], 0, 0, v, sum, count);
        for (double[] s : sum) {
            for (int j = 0; j < mf; j++) {
                s[j] /= count[0];
            }
        }
        return sum;
    }

    /** Visits every ordering (order[0..depth) fixed, {@code used} their mask) and adds its contributions at the leaf. */
    private static void permute(int[] order, int depth, int used, double[][] v, double[][] sum, long[] count) {
        int mf = order.length;
        if (depth == mf) {
            int before = 0;
            for (int i : order) {
                int with = before | 1 << i;
                for (int t = 0; t < sum.length; t++) {
                    sum[t][i] += v[with][t] - v[before][t];
                }
                before = with;
            }
            count[0]++;
            return;
        }
        for (int i = 0; i < mf; i++) {
            if ((used >> i & 1) == 0) {
                order[depth] = i;
                permute(order, depth + 1, used | 1 << i, v, sum, count);
            }
        }
    }

    /** A tanh MLP {@code M → hidden → k} with fixed random weights (seeded), in double precision. */
    static Row tanhMlp(int inputs, int hidden, int outputs, long seed) {
        Random r = new Random(seed);
        double[][] w1 = gaussian(r, inputs, hidden, 1.0);
        double[] b1 = gaussian(r, 1, hidden, 0.5)[0];
        double[][] w2 = gaussian(r, hidden, outputs, 1.0);
        double[] b2 = gaussian(r, 1, outputs, 0.5)[0];
        return x -> {
            double[] h = new double[hidden];
            for (int u = 0; u < hidden; u++) {
                double s = b1[u];
                for (int j = 0; j < inputs; j++) {
                    s += x[j] * w1[j][u];
                }
                h[u] = Math.tanh(s);
            }
            double[] y = new double[outputs];
            for (int o = 0; o < outputs; o++) {
                double s = b2[o];
                for (int u = 0; u < hidden; u++) {
                    s += h[u] * w2[u][o];
                }
                y[o] = s;
            }
            return y;
        };
    }

    static double[][] gaussian(Random r, int rows, int cols, double scale) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * r.nextGaussian();
            }
        }
        return a;
    }

    static double[][] toMatrix(INDArray a) {
        INDArray d = a.castTo(DataType.DOUBLE).reshape('c', a.size(0), a.length() / a.size(0));
        double[][] out = new double[(int) d.size(0)][];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.getRow(i).dup().data().asDouble();
        }
        return out;
    }

    static INDArray array(double[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    /** The largest |a − b| over two matrices of the same shape. */
    static double maxAbsDiff(double[][] a, double[][] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return d;
    }
}
