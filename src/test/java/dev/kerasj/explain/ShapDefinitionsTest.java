package dev.kerasj.explain;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.kerasj.explain.ShapleyOracle.array;
import static dev.kerasj.explain.ShapleyOracle.batched;
import static dev.kerasj.explain.ShapleyOracle.bruteForce;
import static dev.kerasj.explain.ShapleyOracle.gaussian;
import static dev.kerasj.explain.ShapleyOracle.maxAbsDiff;
import static dev.kerasj.explain.ShapleyOracle.rows;
import static dev.kerasj.explain.ShapleyOracle.tanhMlp;
import static dev.kerasj.explain.ShapleyOracle.toMatrix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SHAP explainers against the definitions of Shapley values (issue 18, "Done when"): efficiency,
 * linear models, a brute-force Shapley computation over all orderings ({@link ShapleyOracle}), the
 * convergence of the sampling explainers, and the symmetry, dummy and per-output properties. Every
 * expected value is derived here from the function and the background, never from an explainer.
 *
 * <p>Tolerances: functions written in double precision are held to 1e-6 (efficiency, brute force) or
 * 1e-9 (linear models, where every step is exact up to double rounding). kerasj models compute in float32:
 * each output carries a relative rounding of 2⁻²⁴ ≈ 6e-8, and the same row evaluated in batches of other
 * sizes may differ by a few float ulps (other GEMM blocking). φ combines coalition values with weights
 * summing to at most 2, so with outputs of order 1 the float error is ~1e-6 at worst; these tests use
 * 1e-5, still three orders of magnitude below the error of a wrong weight or a missing coalition.
 */
class ShapDefinitionsTest {
    private static final double DOUBLE_TOL = 1e-6;
    private static final double FLOAT_TOL = 1e-5;

    /** The three explainer constructors for one function or model and its background. */
    private record Source(Supplier<ShapExplainer> exact, Supplier<KernelExplainer> kernel, Supplier<PermutationExplainer> permutation) {
        static Source of(Function<INDArray, INDArray> f, INDArray bg) {
            return new Source(() -> new ExactExplainer(f, bg), () -> new KernelExplainer(f, bg), () -> new PermutationExplainer(f, bg));
        }

        static Source of(Model m, INDArray bg) {
            return new Source(() -> new ExactExplainer(m, bg), () -> new KernelExplainer(m, bg), () -> new PermutationExplainer(m, bg));
        }
    }

    /** The explainers under test, named: exact, KernelSHAP in its exact and its sampling mode, permutation. */
    private static Map<String, ShapExplainer> explainers(Source s, int sampled) {
        Map<String, ShapExplainer> e = new LinkedHashMap<>();
        e.put("ExactExplainer", s.exact().get());
        e.put("KernelExplainer (exact mode)", s.kernel().get());
        e.put("KernelExplainer (sampling, nsamples=" + sampled + ")", s.kernel().get().nsamples(sampled).seed(3));
        e.put("PermutationExplainer", s.permutation().get().permutations(3).seed(5));
        return e;
    }

    private static Map<String, ShapExplainer> explainers(Function<INDArray, INDArray> f, INDArray background, int sampled) {
        return explainers(Source.of(f, background), sampled);
    }

    /** expectedValue = mean f over the background, and expectedValue + Σφ = f(x) for each row, for every explainer. */
    private static void assertAdditivity(Map<String, ShapExplainer> all, ShapleyOracle.Batch f, double[][] bg, double[][] x, double tol) {
        double[][] fx = f.apply(x);
        double ef = mean(bg, f, 0);
        for (Map.Entry<String, ShapExplainer> e : all.entrySet()) {
            ShapExplainer explainer = e.getValue();
            // in double the same mean of the same values: equal up to summation order
            assertEquals(ef, explainer.expectedValue(), tol == DOUBLE_TOL ? 1e-12 : tol,
                    e.getKey() + ": expectedValue = mean f over the background");
            double[][] phi = toMatrix(explainer.shapValues(array(x)));
            for (int i = 0; i < x.length; i++) {
                double sum = explainer.expectedValue();
                for (double p : phi[i]) {
                    sum += p;
                }
                assertEquals(fx[i][0], sum, tol, e.getKey() + ": expectedValue + Σφ = f(x) for row " + i);
            }
        }
    }

    /** φ_ij = w_j (x_ij − E[b_j]) for every explainer. */
    private static void assertLinear(Map<String, ShapExplainer> all, double[] w, double[][] bg, double[][] x, double tol) {
        double[] mu = columnMeans(bg);
        for (Map.Entry<String, ShapExplainer> e : all.entrySet()) {
            double[][] phi = toMatrix(e.getValue().shapValues(array(x)));
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < w.length; j++) {
                    assertEquals(w[j] * (x[i][j] - mu[j]), phi[i][j], tol, e.getKey() + ": φ[" + i + "][" + j + "] = w_j (x_j − E[b_j])");
                }
            }
        }
    }

    private static double mean(double[][] rows, ShapleyOracle.Batch f, int output) {
        double s = 0;
        for (double[] o : f.apply(rows)) {
            s += o[output];
        }
        return s / rows.length;
    }

    private static double[] columnMeans(double[][] a) {
        double[] mu = new double[a[0].length];
        for (double[] row : a) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j] / a.length;
            }
        }
        return mu;
    }

    /** Rows rounded to float32, so a float model sees exactly the values the test computes with. */
    private static double[][] floats(double[][] a) {
        double[][] r = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = (float) a[i][j];
            }
        }
        return r;
    }

    private static Sequential tanhModel(int inputs, long seed) {
        Nd4j.getRandom().setSeed(seed);
        Sequential model = new Sequential(new Input(inputs), new Dense(8, "tanh"), new Dense(1, "sigmoid"));
        model.compile("adam", "mse");
        return model;
    }

    // ------------------------------------------------------------------ 1. efficiency (additivity)

    @Test
    void additivityOnANonlinearDoubleFunction() {
        int m = 6;
        ShapleyOracle.Row net = tanhMlp(m, 8, 1, 42);
        double[][] bg = gaussian(new Random(1), 15, m, 1.0);
        double[][] x = gaussian(new Random(2), 4, m, 1.5);
        assertAdditivity(explainers(batched(net), array(bg), 20), rows(net), bg, x, DOUBLE_TOL);
    }

    @Test
    void additivityOnAKerasjModel() {
        int m = 5;
        Sequential model = tanhModel(m, 11);
        double[][] bg = floats(gaussian(new Random(3), 10, m, 1.0));
        double[][] x = floats(gaussian(new Random(4), 3, m, 1.5));
        assertAdditivity(explainers(Source.of(model, array(bg)), 14), ShapleyOracle.model(model), bg, x, FLOAT_TOL);
    }

    // ------------------------------------------------------------------ 2. linear models

    @Test
    void linearFunctionGetsWeightTimesDeviationFromTheBackgroundMean() {
        int m = 10; // 2^10 − 2 = 1022 coalitions: nsamples 60 and 300 really sample
        Random r = new Random(5);
        double[] w = gaussian(r, 1, m, 2.0)[0];
        double c = 0.7;
        ShapleyOracle.Row linear = x -> {
            double s = c;
            for (int j = 0; j < m; j++) {
                s += w[j] * x[j];
            }
            return new double[] {s};
        };
        double[][] bg = gaussian(r, 9, m, 1.0);
        double[][] x = gaussian(r, 3, m, 1.5);
        Map<String, ShapExplainer> all = explainers(batched(linear), array(bg), 60);
        all.put("KernelExplainer (sampling, nsamples=300)", new KernelExplainer(batched(linear), array(bg)).nsamples(300).seed(9));
        assertLinear(all, w, bg, x, 1e-9);
    }

    @Test
    void linearDenseModelWithKnownWeights() {
        int m = 6;
        Sequential model = new Sequential(new Input(m), new Dense(1));
        model.compile("sgd", "mse");
        float[] w = {0.5f, -1.25f, 2f, 0f, 0.75f, -0.375f};
        float c = -0.25f;
        model.layers().get(0).setWeights(Nd4j.createFromArray(w).reshape(m, 1), Nd4j.createFromArray(new float[] {c}));
        double[][] bg = floats(gaussian(new Random(6), 8, m, 1.0));
        double[][] x = floats(gaussian(new Random(7), 3, m, 1.5));
        double[] wd = new double[m];
        for (int j = 0; j < m; j++) {
            wd[j] = w[j];
        }
        assertLinear(explainers(Source.of(model, array(bg)), 20), wd, bg, x, FLOAT_TOL);
    }

    // ------------------------------------------------------------------ 3. brute force over all orderings

    @Test
    void exactAndKernelExactModeEqualBruteForceOnANonlinearNetwork() {
        int m = 5;
        ShapleyOracle.Row net = tanhMlp(m, 8, 1, 17);
        double[][] bg = gaussian(new Random(8), 12, m, 1.0);
        double[][] x = gaussian(new Random(9), 3, m, 1.5);
        Map<String, ShapExplainer> exact = new LinkedHashMap<>();
        exact.put("ExactExplainer", new ExactExplainer(batched(net), array(bg)));
        exact.put("KernelExplainer (default nsamples)", new KernelExplainer(batched(net), array(bg)));
        exact.put("KernelExplainer (nsamples = 2^M − 2 = 30)", new KernelExplainer(batched(net), array(bg)).nsamples(30));
        double[][] truth = bruteForceRows(rows(net), bg, x);
        for (Map.Entry<String, ShapExplainer> e : exact.entrySet()) {
            double err = maxAbsDiff(truth, toMatrix(e.getValue().shapValues(array(x))));
            assertTrue(err < DOUBLE_TOL, e.getKey() + ": max |φ − brute force| = " + err);
        }
    }

    @Test
    void exactAndKernelExactModeEqualBruteForceOnAKerasjModel() {
        int m = 4;
        Sequential model = tanhModel(m, 23);
        double[][] bg = floats(gaussian(new Random(10), 10, m, 1.0));
        double[][] x = floats(gaussian(new Random(11), 3, m, 1.5));
        double[][] truth = bruteForceRows(ShapleyOracle.model(model), bg, x);
        for (ShapExplainer explainer : new ShapExplainer[] {new ExactExplainer(model, array(bg)), new KernelExplainer(model, array(bg))}) {
            double err = maxAbsDiff(truth, toMatrix(explainer.shapValues(array(x))));
            assertTrue(err < FLOAT_TOL, explainer.getClass().getSimpleName() + ": max |φ − brute force| = " + err);
        }
    }

    /** Brute-force φ of output 0 for each row of x. */
    private static double[][] bruteForceRows(ShapleyOracle.Batch f, double[][] bg, double[][] x) {
        double[][] truth = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            truth[i] = bruteForce(f, bg, x[i])[0];
        }
        return truth;
    }

    /**
     * The relative error against {@code truth}, averaged over seeds 0, 1, 2, shrinks from each of the three
     * growing {@code settings} to the next and ends below {@code bound}.
     */
    private static void assertConverges(String what, int[] settings, BiFunction<Integer, Long, ShapExplainer> make, double[][] x,
            double[][] truth, double bound) {
        double[] err = new double[settings.length];
        for (int b = 0; b < settings.length; b++) {
            for (long seed = 0; seed < 3; seed++) {
                err[b] += relativeError(toMatrix(make.apply(settings[b], seed).shapValues(array(x))), truth) / 3;
            }
        }
        String report = "relative RMS error at " + what + " " + java.util.Arrays.toString(settings) + ": " + java.util.Arrays.toString(err);
        assertTrue(err[0] > err[1] && err[1] > err[2], "error shrinks as " + what + " grows; " + report);
        assertTrue(err[2] < bound, "error small at the largest setting; " + report);
    }

    /** RMS of φ − brute force over the rows, relative to the RMS of the brute-force values. */
    private static double relativeError(double[][] phi, double[][] truth) {
        double err = 0;
        double norm = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = 0; j < truth[i].length; j++) {
                err += (phi[i][j] - truth[i][j]) * (phi[i][j] - truth[i][j]);
                norm += truth[i][j] * truth[i][j];
            }
        }
        return Math.sqrt(err / norm);
    }

    @Test
    void kernelSamplingModeConvergesToBruteForce() {
        int m = 10; // 10! = 3,628,800 orderings for the oracle; 2^10 − 2 = 1022 coalitions for KernelSHAP
        ShapleyOracle.Row net = tanhMlp(m, 8, 1, 29);
        double[][] bg = gaussian(new Random(12), 6, m, 1.0);
        double[][] x = gaussian(new Random(13), 3, m, 1.5);
        double[][] truth = bruteForceRows(rows(net), bg, x);
        // measured: 0.11, 0.046, 0.017
        assertConverges("nsamples", new int[] {100, 300, 800},
                (budget, seed) -> new KernelExplainer(batched(net), array(bg)).nsamples(budget).seed(seed), x, truth, 0.05);
        double[][] full = toMatrix(new KernelExplainer(batched(net), array(bg)).nsamples(1022).shapValues(array(x)));
        assertTrue(maxAbsDiff(full, truth) < DOUBLE_TOL, "nsamples = 2^M − 2 enumerates: equals brute force");
    }

    @Test
    void permutationExplainerConvergesToBruteForce() {
        int m = 6;
        ShapleyOracle.Row net = tanhMlp(m, 8, 1, 31);
        double[][] bg = gaussian(new Random(14), 8, m, 1.0);
        double[][] x = gaussian(new Random(15), 3, m, 1.5);
        double[][] truth = bruteForceRows(rows(net), bg, x);
        // measured: 0.11, 0.037, 0.0095
        assertConverges("permutations", new int[] {1, 10, 100},
                (perms, seed) -> new PermutationExplainer(batched(net), array(bg)).permutations(perms).seed(seed), x, truth, 0.05);
    }

    // ------------------------------------------------------------------ 4. axioms

    @Test
    void symmetricFeaturesGetEqualValues() {
        // f is symmetric in features 0 and 1; x has x0 = x1; the background holds each row and its 0↔1 swap,
        // so (b0, b_rest) and (b1, b_rest) are identically distributed: v(S ∪ {0}) = v(S ∪ {1}) for S ∌ 0, 1.
        ShapleyOracle.Row f = x -> new double[] {Math.tanh(x[0] + x[1]) * x[2] + x[0] * x[1] + Math.sin(x[3]) * x[0] * x[1]};
        double[][] half = gaussian(new Random(16), 6, 4, 1.0);
        double[][] bg = new double[12][];
        for (int i = 0; i < 6; i++) {
            bg[2 * i] = half[i];
            bg[2 * i + 1] = new double[] {half[i][1], half[i][0], half[i][2], half[i][3]};
        }
        double[][] x = {{0.8, 0.8, -1.2, 0.4}, {-1.5, -1.5, 0.3, 2.0}};
        ShapExplainer[] exact = {new ExactExplainer(batched(f), array(bg)), new KernelExplainer(batched(f), array(bg))};
        for (ShapExplainer e : exact) {
            double[][] phi = toMatrix(e.shapValues(array(x)));
            for (int i = 0; i < x.length; i++) {
                assertEquals(phi[i][0], phi[i][1], 1e-9, e.getClass().getSimpleName() + ": φ0 = φ1 for row " + i);
                assertTrue(Math.abs(phi[i][0]) > 1e-3, "the symmetric features matter: φ0 = " + phi[i][0]);
            }
        }
    }

    @Test
    void dummyFeatureGetsZero() {
        // Feature 2 varies in the background and in x but f never reads it: every marginal contribution
        // v(S ∪ {2}) − v(S) is 0, so φ2 = 0 exactly for the explainers that sum marginal contributions.
        ShapleyOracle.Row f = x -> new double[] {Math.tanh(x[0] * x[1]) + x[3] * x[3] - Math.exp(0.3 * x[4]) * x[0]};
        double[][] bg = gaussian(new Random(17), 10, 5, 1.0);
        double[][] x = gaussian(new Random(18), 3, 5, 1.5);
        ShapExplainer[] marginal = {new ExactExplainer(batched(f), array(bg)),
                new PermutationExplainer(batched(f), array(bg)).permutations(4)};
        for (ShapExplainer e : marginal) {
            double[][] phi = toMatrix(e.shapValues(array(x)));
            for (int i = 0; i < x.length; i++) {
                assertEquals(0.0, phi[i][2], 0.0, e.getClass().getSimpleName() + ": dummy φ2 of row " + i);
            }
        }
        // KernelSHAP in exact mode: 0 up to the rounding of the least-squares solve.
        double[][] phi = toMatrix(new KernelExplainer(batched(f), array(bg)).shapValues(array(x)));
        for (int i = 0; i < x.length; i++) {
            assertEquals(0.0, phi[i][2], 1e-12, "KernelExplainer (exact mode): dummy φ2 of row " + i);
        }
        // A feature constant over the background and equal in x never changes a coalition: φ = 0 in every
        // mode, sampling included.
        double[][] bgConst = gaussian(new Random(19), 10, 5, 1.0);
        double[][] xConst = gaussian(new Random(20), 3, 5, 1.5);
        for (double[] row : bgConst) {
            row[1] = 0.25;
        }
        for (double[] row : xConst) {
            row[1] = 0.25;
        }
        for (Map.Entry<String, ShapExplainer> e : explainers(batched(f), array(bgConst), 12).entrySet()) {
            double[][] p = toMatrix(e.getValue().shapValues(array(xConst)));
            for (int i = 0; i < xConst.length; i++) {
                assertEquals(0.0, p[i][1], 0.0, e.getKey() + ": φ of a feature equal in x and in every background row");
            }
        }
    }

    @Test
    void multiOutputEqualsExplainingEachOutputAlone() {
        int m = 5;
        ShapleyOracle.Row both = tanhMlp(m, 8, 2, 37);
        ShapleyOracle.Row first = x -> new double[] {both.apply(x)[0]};
        ShapleyOracle.Row second = x -> new double[] {both.apply(x)[1]};
        double[][] bg = gaussian(new Random(21), 10, m, 1.0);
        double[][] x = gaussian(new Random(22), 3, m, 1.5);
        Map<String, ShapExplainer> joint = explainers(batched(both), array(bg), 16);
        List<Map<String, ShapExplainer>> alone = List.of(explainers(batched(first), array(bg), 16),
                explainers(batched(second), array(bg), 16));
        for (String name : joint.keySet()) {
            ShapExplainer e = joint.get(name);
            assertEquals(2, e.numOutputs(), name);
            List<INDArray> perOutput = e.shapValuesPerOutput(array(x));
            assertEquals(2, perOutput.size(), name);
            for (int o = 0; o < 2; o++) {
                ShapExplainer single = alone.get(o).get(name);
                assertEquals(single.expectedValue(), e.expectedValues()[o], 1e-12, name + ": expected value of output " + o);
                double err = maxAbsDiff(toMatrix(single.shapValues(array(x))), toMatrix(perOutput.get(o)));
                assertTrue(err < 1e-9, name + ", output " + o + ": max |joint − alone| = " + err);
            }
        }
        // and each output's exact values are its brute-force Shapley values
        List<INDArray> exact = joint.get("ExactExplainer").shapValuesPerOutput(array(x));
        for (int i = 0; i < x.length; i++) {
            double[][] truth = bruteForce(rows(both), bg, x[i]);
            for (int o = 0; o < 2; o++) {
                double[] phi = exact.get(o).getRow(i).toDoubleVector();
                assertTrue(maxAbsDiff(new double[][] {truth[o]}, new double[][] {phi}) < DOUBLE_TOL, "output " + o + " row " + i);
            }
        }
    }

    @Test
    void valuesComeBackAsDoubleOfShapeRowsByFeatures() {
        ShapleyOracle.Row net = tanhMlp(3, 4, 1, 41);
        INDArray bg = array(gaussian(new Random(23), 5, 3, 1.0));
        INDArray phi = new KernelExplainer(batched(net), bg).shapValues(array(gaussian(new Random(24), 7, 3, 1.0)));
        assertEquals(DataType.DOUBLE, phi.dataType());
        assertEquals(List.of(7L, 3L), List.of(phi.size(0), phi.size(1)));
    }
}
