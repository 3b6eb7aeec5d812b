package dev.kerasj.explain;

import dev.kerasj.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Function;

/**
 * Exact Shapley values by enumerating every coalition of the features that vary (Shapley 1953):
 * <pre>φ_i = Σ_{S ⊆ F∖{i}} |S|! (M − |S| − 1)! / M! · (v(S ∪ {i}) − v(S))</pre>
 * with {@code v} the background-averaged model output of {@link ShapExplainer}. It costs
 * {@code 2^M × background rows} model evaluations per explained row, so it is for small {@code M}
 * (at most {@value #MAX_FEATURES} varying features); use {@link KernelExplainer} beyond.
 *
 * <pre>{@code
 * ExactExplainer explainer = new ExactExplainer(model, xTrain.get(NDArrayIndex.interval(0, 50)));
 * INDArray phi = explainer.shapValues(xTest.get(NDArrayIndex.interval(0, 5)));  // (5, features)
 * }</pre>
 */
public final class ExactExplainer extends ShapExplainer {
    /** The most varying features enumerated: {@code 2^16} coalitions per row. */
    public static final int MAX_FEATURES = 16;

    /** Explains {@code model} (built, compiled, one input) against {@code background} {@code (m, features…)}. */
    public ExactExplainer(Model model, INDArray background) {
        super(Predictor.of(model), background, model.inputShape());
    }

    /** Explains any batched function {@code (n, features…) → (n, outputs…)}. */
    public ExactExplainer(Function<INDArray, INDArray> f, INDArray background) {
        super(Predictor.of(f, background == null ? null : background.dataType()), background, null);
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
        if (mv > MAX_FEATURES) {
            throw new IllegalArgumentException("ExactExplainer enumerates 2^M coalitions; this row has M=" + mv
                    + " varying features (at most " + MAX_FEATURES + "). Use KernelExplainer or PermutationExplainer.");
        }
        int r = 1 << mv;
        boolean[][] coalitions = new boolean[r][mv];
        for (int s = 0; s < r; s++) {
            for (int j = 0; j < mv; j++) {
                coalitions[s][j] = (s >> j & 1) != 0;
            }
        }
        double[] v = coalitionValues(x, vary, coalitions);
        double[] weight = new double[mv]; // |S|!(M−|S|−1)!/M! for |S| = 0 … M−1
        for (int s = 0; s < mv; s++) {
            weight[s] = 1.0 / (mv * binomial(mv - 1, s));
        }
        for (int s = 0; s < r; s++) {
            int size = Integer.bitCount(s);
            for (int j = 0; j < mv; j++) {
                if ((s >> j & 1) == 0) {
                    int with = s | 1 << j;
                    for (int o = 0; o < k; o++) {
                        phi[o][vary[j]] += weight[size] * (v[with * k + o] - v[s * k + o]);
                    }
                }
            }
        }
        return phi;
    }

    /** C(n, s) as a double (exact for the sizes used here). */
    static double binomial(int n, int s) {
        double c = 1;
        for (int i = 1; i <= s; i++) {
            c = c * (n - s + i) / i;
        }
        return c;
    }
}
