package dev.kerasj.explain;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to the explainers fails at once with a message that says what, what was expected and what was received. */
class ExplainErrorsTest {
    private static final Function<INDArray, INDArray> SUM = x -> x.sum(true, 1);

    private static <T extends Throwable> void assertMessage(Class<T> type, Executable call, String... fragments) {
        T e = assertThrows(type, call);
        for (String f : fragments) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(f), "message lacks \"" + f + "\": " + e.getMessage());
        }
    }

    private static Sequential mlp(int inputs, int outputs) {
        Sequential m = new Sequential(new Input(inputs), new Dense(4, "tanh"), new Dense(outputs, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy");
        return m;
    }

    private static Sequential cnn() {
        Sequential m = new Sequential(new Input(6, 6, 1), new Conv2D(2, 3).activation("relu"), new Flatten(), new Dense(2, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy");
        return m;
    }

    private static INDArray rows(int n, int width) {
        return Nd4j.rand(DataType.DOUBLE, n, width);
    }

    /** Every model-taking explainer constructor, for the checks they all share. */
    private static List<Executable> everyExplainer(Model model, INDArray background) {
        return List.of(() -> new KernelExplainer(model, background), () -> new ExactExplainer(model, background),
                () -> new PermutationExplainer(model, background), () -> new Saliency(model),
                () -> new IntegratedGradients(model), () -> new GradCam(model));
    }

    @Test
    void backgroundOfAnotherWidthThanTheModelInput() {
        Sequential m = mlp(4, 1);
        for (Executable e : everyExplainer(m, rows(10, 5)).subList(0, 3)) {
            assertMessage(IllegalArgumentException.class, e, "Invalid `background`", "(4,)", "(5,)");
        }
    }

    @Test
    void xOfAnotherWidthThanTheBackground() {
        for (ShapExplainer e : List.of(new KernelExplainer(SUM, rows(10, 4)), new ExactExplainer(SUM, rows(10, 4)),
                new PermutationExplainer(SUM, rows(10, 4)), new KernelExplainer(mlp(4, 1), rows(10, 4).castTo(DataType.FLOAT)))) {
            assertMessage(IllegalArgumentException.class, () -> e.shapValues(rows(2, 5)), "Invalid `x`", "(4,)", "[2, 5]");
        }
        Sequential m = mlp(4, 3);
        assertMessage(IllegalArgumentException.class, () -> new Saliency(m).explain(Nd4j.rand(DataType.FLOAT, 2, 5), 0),
                "Invalid `x`", "(n, 4)", "[2, 5]");
        assertMessage(IllegalArgumentException.class, () -> new IntegratedGradients(m).attributions(Nd4j.rand(DataType.FLOAT, 2, 5)),
                "Invalid `x`", "[2, 5]");
        assertMessage(IllegalArgumentException.class, () -> new GradCam(cnn()).heatmap(Nd4j.rand(DataType.FLOAT, 2, 5, 5, 1)),
                "Invalid `x`", "[2, 5, 5, 1]");
    }

    @Test
    void unbuiltModel() {
        Sequential m = new Sequential(new Dense(4, "tanh"), new Dense(1)); // no Input: shapes unknown
        m.compile("adam", "mse");
        for (Executable e : everyExplainer(m, rows(10, 4))) {
            assertMessage(IllegalStateException.class, e, "has not been built", "Input");
        }
    }

    @Test
    void uncompiledModel() {
        Sequential m = new Sequential(new Input(4), new Dense(1));
        for (Executable e : everyExplainer(m, rows(10, 4))) {
            assertMessage(IllegalStateException.class, e, "has not been compiled", "compile(");
        }
    }

    @Test
    void gradCamWithoutAConv2DOrOnANonImageLayer() {
        Sequential m = mlp(4, 2);
        assertMessage(IllegalArgumentException.class, () -> new GradCam(m), "Grad-CAM needs a Conv2D", "dense");
        Sequential c = cnn();
        String dense = c.layers().get(2).name();
        assertMessage(IllegalArgumentException.class, () -> new GradCam(c, dense), "Invalid `layerName`", "image output", dense);
        assertMessage(IllegalArgumentException.class, () -> new GradCam(c, "no_such_layer"), "no_such_layer");
    }

    @Test
    void badNsamplesPermutationsAndSteps() {
        for (int bad : new int[] {1, 0, -3}) {
            assertMessage(IllegalArgumentException.class, () -> new KernelExplainer(SUM, rows(5, 3)).nsamples(bad),
                    "Invalid `nsamples`", "nsamples=" + bad);
        }
        for (int bad : new int[] {0, -1}) {
            assertMessage(IllegalArgumentException.class, () -> new PermutationExplainer(SUM, rows(5, 3)).permutations(bad),
                    "Invalid `permutations`", "permutations=" + bad);
            assertMessage(IllegalArgumentException.class, () -> new IntegratedGradients(mlp(3, 2)).steps(bad),
                    "Invalid `steps`", "steps=" + bad);
        }
    }

    @Test
    void outputIndexOutOfRange() {
        Sequential m = mlp(4, 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4);
        for (int bad : new int[] {3, 7, -2}) {
            assertMessage(IllegalArgumentException.class, () -> new Saliency(m).explain(x, bad), "Invalid `output`", "output=" + bad);
            assertMessage(IllegalArgumentException.class, () -> new IntegratedGradients(m).attributions(x, bad),
                    "Invalid `output`", "output=" + bad);
        }
        assertMessage(IllegalArgumentException.class, () -> new GradCam(cnn()).heatmap(Nd4j.rand(DataType.FLOAT, 1, 6, 6, 1), 2),
                "Invalid `output`", "[0, 2)", "output=2");
        // a SHAP explainer of a two-output function: single-output accessors point to the per-output ones
        KernelExplainer two = new KernelExplainer(x2 -> Nd4j.concat(1, x2.sum(true, 1), x2.max(true, 1)), rows(5, 3));
        assertMessage(IllegalStateException.class, () -> two.shapValues(rows(1, 3)), "2 outputs", "shapValuesPerOutput");
        assertMessage(IllegalStateException.class, two::expectedValue, "2 outputs", "expectedValues");
    }

    @Test
    void nonFiniteValues() {
        INDArray bg = rows(5, 3);
        bg.putScalar(2, 1, Double.NaN);
        assertMessage(IllegalArgumentException.class, () -> new KernelExplainer(SUM, bg), "Invalid `background`", "finite", "NaN");
        assertMessage(IllegalArgumentException.class, () -> new ExactExplainer(mlp(3, 1), bg), "Invalid `background`", "finite");
        INDArray x = rows(2, 3);
        x.putScalar(1, 0, Double.POSITIVE_INFINITY);
        assertMessage(IllegalArgumentException.class, () -> new PermutationExplainer(SUM, rows(5, 3)).shapValues(x),
                "Invalid `x`", "finite", "Infinity");
        INDArray xf = Nd4j.rand(DataType.FLOAT, 2, 4);
        xf.putScalar(0, 3, Float.NaN);
        Sequential m = mlp(4, 3);
        assertMessage(IllegalArgumentException.class, () -> new Saliency(m).explain(xf, 0), "Invalid `x`", "NaN");
        assertMessage(IllegalArgumentException.class, () -> new IntegratedGradients(m).attributions(xf, 1), "Invalid `x`", "NaN");
        INDArray img = Nd4j.rand(DataType.FLOAT, 1, 6, 6, 1);
        img.putScalar(new long[] {0, 2, 2, 0}, Float.NaN);
        assertMessage(IllegalArgumentException.class, () -> new GradCam(cnn()).heatmap(img, 0), "Invalid `x`", "NaN");
        INDArray nanBaseline = Nd4j.zeros(DataType.FLOAT, 4);
        nanBaseline.putScalar(1, Float.NaN);
        assertMessage(IllegalArgumentException.class, () -> new IntegratedGradients(m).baseline(nanBaseline), "Invalid `baseline`", "NaN");
    }

    @Test
    void otherMisuse() {
        assertMessage(IllegalArgumentException.class, () -> new KernelExplainer(SUM, null), "Invalid `background`", "null");
        assertMessage(IllegalArgumentException.class, () -> new KernelExplainer(SUM, Nd4j.rand(DataType.DOUBLE, 4)),
                "Invalid `background`", "(m, features");
        assertMessage(IllegalStateException.class, () -> new KernelExplainer(x -> x.sum(true, 1).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), rows(5, 3)), "one output row per input row");
        assertMessage(IllegalArgumentException.class, () -> new IntegratedGradients(mlp(4, 2)).baseline(Nd4j.zeros(DataType.FLOAT, 5)),
                "Invalid `baseline`", "(4,)", "[5]");
        assertMessage(IllegalArgumentException.class, () -> new ExactExplainer(SUM, rows(3, 17)).shapValues(rows(1, 17)),
                "M=17", "KernelExplainer");
    }
}
