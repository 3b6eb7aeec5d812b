package dev.kerasj.explain;

import dev.kerasj.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Shapley values estimated by permutation sampling (Štrumbelj &amp; Kononenko 2014), with antithetic
 * pairs as the {@code shap} package's PermutationExplainer: for each random order of the features and its
 * reverse, each feature's marginal contribution {@code v(S ∪ {i}) − v(S)} as features join in that order,
 * averaged. Every order telescopes to {@code f(x) − E[f]}, so efficiency holds exactly; the estimate
 * converges to the exact values as {@code permutations} grows. Costs {@code 2 · permutations · (M + 1)}
 * coalitions per row. Defaults: {@code permutations} = 10 (each used forward and reversed), seed 0.
 *
 * <pre>{@code
 * INDArray phi = new PermutationExplainer(model, background).permutations(20).shapValues(x);
 * }</pre>
 */
public final class PermutationExplainer extends ShapExplainer {
    private int permutations = 10;
    private long seed = 0;

    /** Explains {@code model} (built, compiled, one input) against {@code background} {@code (m, features…)}. */
    public PermutationExplainer(Model model, INDArray background) {
        super(Predictor.of(model), background, model.inputShape());
    }

    /** Explains any batched function {@code (n, features…) → (n, outputs…)}. */
    public PermutationExplainer(Function<INDArray, INDArray> f, INDArray background) {
        super(Predictor.of(f, background == null ? null : background.dataType()), background, null);
    }

    /** Random feature orders per row (each also used reversed). Defaults to 10. */
    public PermutationExplainer permutations(int permutations) {
        if (permutations < 1) {
            throw new IllegalArgumentException("Invalid `permutations`: expected an integer ≥ 1. Received: permutations="
                    + permutations + ".");
        }
        this.permutations = permutations;
        return this;
    }

    /** The seed of the random orders. Defaults to 0. */
    public PermutationExplainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    @Override
    double[][] explainRow(double[] x, double[] fx) {
        int[] vary = varying(x);
        int mv = vary.length;
        int k = outputs();
        double[][] phi = new double[k][numFeatures()];
        if (mv == 0) {
            return phi;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int orders = 2 * permutations;
        int[][] order = new int[orders][];
        boolean[][] chain = new boolean[orders * (mv + 1)][];
        for (int p = 0; p < permutations; p++) {
            int[] perm = new int[mv];
            for (int i = 0; i < mv; i++) {
                perm[i] = i;
            }
            for (int i = mv - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            int[] reversed = new int[mv];
            for (int i = 0; i < mv; i++) {
                reversed[i] = perm[mv - 1 - i];
            }
            order[2 * p] = perm;
            order[2 * p + 1] = reversed;
        }
        for (int q = 0; q < orders; q++) {
            boolean[] mask = new boolean[mv];
            chain[q * (mv + 1)] = mask.clone();
            for (int i = 0; i < mv; i++) {
                mask[order[q][i]] = true;
                chain[q * (mv + 1) + i + 1] = mask.clone();
            }
        }
        double[] v = coalitionValues(x, vary, chain);
        for (int q = 0; q < orders; q++) {
            for (int i = 0; i < mv; i++) {
                int before = q * (mv + 1) + i;
                for (int o = 0; o < k; o++) {
                    phi[o][vary[order[q][i]]] += (v[(before + 1) * k + o] - v[before * k + o]) / orders;
                }
            }
        }
        return phi;
    }
}
