package dev.kerasj.explain;

import dev.kerasj.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * KernelSHAP (Lundberg &amp; Lee 2017): SHAP values as the weighted least-squares fit of a linear model on
 * coalitions {@code z ∈ {0,1}^M} of the features,
 * <pre>min_φ Σ_z π(z) (v(z) − φ₀ − z·φ)²   subject to   Σ φ = f(x) − φ₀,   φ₀ = E[f] = expectedValue(),
 * π(z) = (M − 1) / (C(M, |z|) · |z| · (M − |z|))</pre>
 * (the Shapley kernel; the empty and full coalitions carry infinite weight, which the constraint and
 * {@code φ₀} enforce). When {@code nsamples} covers all {@code 2^M − 2} coalitions they are enumerated and
 * the fit equals the exact Shapley values; otherwise, as the {@code shap} package does, whole coalition
 * sizes are enumerated from the outside in (sizes 1 and M−1 first) while the budget allows, and the rest
 * is sampled (seeded, each sample paired with its complement) with the remaining kernel weight. Features
 * on which the row equals every background row get φ = 0 and leave the fit.
 *
 * <p>Model calls are batched: each explained row costs {@code nsamples × background rows} evaluations in
 * large batches. Defaults: {@code nsamples} = {@code 2M + 2048} ("auto", as {@code shap}), seed 0.
 *
 * <pre>{@code
 * KernelExplainer explainer = new KernelExplainer(model, background);   // background (m, features)
 * INDArray phi = explainer.shapValues(x);                               // (n, features)
 * double base = explainer.expectedValue();                              // mean model output over the background
 * }</pre>
 */
public final class KernelExplainer extends ShapExplainer {
    private int nsamples = -1;
    private long seed = 0;

    /** Explains {@code model} (built, compiled, one input) against {@code background} {@code (m, features…)}. */
    public KernelExplainer(Model model, INDArray background) {
        super(Predictor.of(model), background, model.inputShape());
    }

    /** Explains any batched function {@code (n, features…) → (n, outputs…)}. */
    public KernelExplainer(Function<INDArray, INDArray> f, INDArray background) {
        super(Predictor.of(f, background == null ? null : background.dataType()), background, null);
    }

    /** Coalitions evaluated per row (at least 2M + 2 is sensible). Defaults to {@code 2M + 2048}. */
    public KernelExplainer nsamples(int nsamples) {
        if (nsamples < 2) {
            throw new IllegalArgumentException("Invalid `nsamples`: expected an integer ≥ 2. Received: nsamples=" + nsamples + ".");
        }
        this.nsamples = nsamples;
        return this;
    }

    /** The seed of the coalition sampling. Defaults to 0. */
    public KernelExplainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    @Override
    double[][] explainRow(double[] x, double[] fx) {
        int[] vary = varying(x);
        int mv = vary.length;
        int k = outputs();
        double[] phi0 = expected();
        double[][] phi = new double[k][numFeatures()];
        if (mv == 0) {
            return phi;
        }
        if (mv == 1) {
            for (int o = 0; o < k; o++) {
                phi[o][vary[0]] = fx[o] - phi0[o];
            }
            return phi;
        }
        Coalitions c = coalitions(mv, nsamples > 0 ? nsamples : 2 * mv + 2048, new SplittableRandom(seed));
        boolean[][] z = c.masks.toArray(new boolean[0][]);
        double[] v = coalitionValues(x, vary, z);
        double[] w = c.weightArray();
        // Eliminate φ_last with the constraint: φ_last = Δ − Σ_{j<last} φ_j.
        int p = mv - 1;
        for (int o = 0; o < k; o++) {
            double delta = fx[o] - phi0[o];
            double[][] a = new double[p][p];
            double[] rhs = new double[p];
            double[] row = new double[p];
            for (int s = 0; s < z.length; s++) {
                double zl = z[s][p] ? 1 : 0;
                for (int j = 0; j < p; j++) {
                    row[j] = (z[s][j] ? 1 : 0) - zl;
                }
                double y = v[s * k + o] - phi0[o] - zl * delta;
                for (int i = 0; i < p; i++) {
                    if (row[i] == 0) {
                        continue;
                    }
                    double wi = w[s] * row[i];
                    rhs[i] += wi * y;
                    for (int j = 0; j < p; j++) {
                        a[i][j] += wi * row[j];
                    }
                }
            }
            double[] sol = LinearSolver.solve(a, rhs);
            double sum = 0;
            for (int j = 0; j < p; j++) {
                phi[o][vary[j]] = sol[j];
                sum += sol[j];
            }
            phi[o][vary[p]] = delta - sum;
        }
        return phi;
    }

    /** The coalitions (over {@code mv} features) and their kernel weights. */
    static Coalitions coalitions(int mv, int budget, SplittableRandom rng) {
        Coalitions out = new Coalitions();
        long all = mv >= 62 ? Long.MAX_VALUE : (1L << mv) - 2;
        int sizes = (mv - 1 + 1) / 2;            // ceil((M−1)/2) size classes s (paired with M − s)
        int paired = (mv - 1) / 2;               // floor((M−1)/2): those with a distinct complement size
        double[] weight = new double[sizes];     // kernel mass of size class s (both halves when paired)
        double total = 0;
        for (int s = 1; s <= sizes; s++) {
            weight[s - 1] = (mv - 1.0) / (s * (double) (mv - s)) * (s <= paired ? 2 : 1);
            total += weight[s - 1];
        }
        for (int i = 0; i < sizes; i++) {
            weight[i] /= total;
        }
        long left = Math.min(budget, all);
        double[] remaining = weight.clone();
        int full = 0;
        for (int s = 1; s <= sizes; s++) {
            double count = ExactExplainer.binomial(mv, s) * (s <= paired ? 2 : 1);
            if (left * remaining[s - 1] / count >= 1 - 1e-8) {
                full++;
                left -= (long) count;
                if (remaining[s - 1] < 1) {
                    double rest = 1 - remaining[s - 1];
                    for (int i = 0; i < sizes; i++) {
                        remaining[i] /= rest;
                    }
                }
                double each = weight[s - 1] / count;
                int[] idx = new int[s];
                for (int i = 0; i < s; i++) {
                    idx[i] = i;
                }
                do {
                    boolean[] mask = new boolean[mv];
                    for (int i : idx) {
                        mask[i] = true;
                    }
                    out.add(mask, each);
                    if (s <= paired) {
                        out.add(complement(mask), each);
                    }
                } while (nextCombination(idx, mv));
            } else {
                break;
            }
        }
        int fixed = out.masks.size();
        if (full < sizes && left > 0) {
            double[] draw = new double[sizes - full];
            double mass = 0;
            for (int s = full + 1; s <= sizes; s++) {
                draw[s - full - 1] = weight[s - 1] / (s <= paired ? 2 : 1);
                mass += draw[s - full - 1];
            }
            long samplesLeft = left;
            long tries = 4 * left;
            while (samplesLeft > 0 && tries-- > 0) {
                double u = rng.nextDouble() * mass;
                int pick = 0;
                while (pick < draw.length - 1 && (u -= draw[pick]) > 0) {
                    pick++;
                }
                int s = pick + full + 1;
                boolean[] mask = randomSubset(mv, s, rng);
                if (out.addSampled(mask, fixed)) {
                    samplesLeft--;
                }
                if (samplesLeft > 0 && s <= paired) {
                    if (out.addSampled(complement(mask), fixed)) {
                        samplesLeft--;
                    }
                }
            }
            double leftWeight = 0;
            for (int s = full + 1; s <= sizes; s++) {
                leftWeight += weight[s - 1];
            }
            double sampled = 0;
            for (int i = fixed; i < out.weights.size(); i++) {
                sampled += out.weights.get(i);
            }
            for (int i = fixed; i < out.weights.size(); i++) {
                out.weights.set(i, out.weights.get(i) * leftWeight / sampled);
            }
        }
        return out;
    }

    private static boolean[] complement(boolean[] mask) {
        boolean[] c = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            c[i] = !mask[i];
        }
        return c;
    }

    private static boolean[] randomSubset(int n, int s, SplittableRandom rng) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        boolean[] mask = new boolean[n];
        for (int i = 0; i < s; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            mask[perm[i]] = true;
        }
        return mask;
    }

    /** The next s-combination of 0…n−1 in lexicographic order, in place; false after the last. */
    private static boolean nextCombination(int[] idx, int n) {
        int s = idx.length;
        int i = s - 1;
        while (i >= 0 && idx[i] == n - s + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        idx[i]++;
        for (int j = i + 1; j < s; j++) {
            idx[j] = idx[j - 1] + 1;
        }
        return true;
    }

    /** Coalition masks with their weights; a sampled mask drawn again adds weight 1 to its entry. */
    static final class Coalitions {
        final List<boolean[]> masks = new ArrayList<>();
        final List<Double> weights = new ArrayList<>();
        private final Map<String, Integer> sampledAt = new HashMap<>();

        void add(boolean[] mask, double weight) {
            masks.add(mask);
            weights.add(weight);
        }

        /** Adds a sampled mask (weight 1) and returns true, or adds 1 to its weight when drawn before. */
        boolean addSampled(boolean[] mask, int fixed) {
            String key = Arrays.toString(mask);
            Integer at = sampledAt.get(key);
            if (at != null) {
                weights.set(at, weights.get(at) + 1);
                return false;
            }
            sampledAt.put(key, masks.size());
            add(mask, 1.0);
            return true;
        }

        double[] weightArray() {
            double[] w = new double[weights.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = weights.get(i);
            }
            return w;
        }
    }
}
