package dev.kerasj;

import dev.kerasj.testing.KerasFiles;
import dev.kerasj.testing.KerasFiles.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Model files written by Keras itself — Keras 1.2.2, Keras 2.0.8 to 2.11, tf.keras 2.2.4 and Keras 3 — load
 * with {@link Model#load} and predict Keras's numbers (issue 16). The files, their sources and licences are in
 * {@code src/test/resources/keras-files/README.md}; each case of its {@code manifest.json} says:
 * <ul>
 *   <li>{@code expect: predict}: {@code Model.load(file).predict(inputs)} equals the expected arrays, element by
 *   element, within {@code abs + rel * |expected|} (both 1e-5: float32 outputs of order 1 agree to about 1e-7,
 *   and the relative term covers outputs of order 10-40 such as the stored LSTM regressions). Expected arrays
 *   are Keras's own {@code model.predict} output ({@code expected_source: keras}) or, for files stored without
 *   predictions, the independent numpy forward pass of {@code tools/keras-files/reference.py}
 *   ({@code numpy}), which reproduces all 23 stored Keras predictions to 4e-6 or better
 *   ({@code reference.py --check}).</li>
 *   <li>{@code expect: refuse}: loading throws an {@link IOException} or {@link IllegalArgumentException} with a
 *   one-line message naming what is refused (a Lambda layer, a custom class).</li>
 *   <li>{@code expect: load-or-refuse}: files whose numbers no one stored and whose semantics depend on the
 *   backend that wrote them (Theano's flipped convolution kernels) or on a layer kerasj may lack (Attention):
 *   either the load succeeds, or it is refused with a one-line message naming the reason.</li>
 * </ul>
 * Inputs are fed in Keras's layout; {@code ordering} marks channels_first, Theano-written ("th") and mixed
 * files. {@code model_class} is the kerasj class expected: {@link Sequential} for Keras Sequential files,
 * a {@link Model} that is not a Sequential for functional ones.
 */
class KerasFilesTest {

    static Stream<Case> cases() {
        return KerasFiles.cases().stream();
    }

    @Test
    void manifestCoversTheIssuesKinds() throws IOException {
        List<Case> cases = KerasFiles.cases();
        assertTrue(cases.size() >= 30, "at least 30 files; manifest has " + cases.size());
        String all = String.join("\n", cases.stream().map(c -> c.notes()).toList());
        for (String kind : List.of("Dense", "Conv1D", "Conv2D", "BatchNormalization", "SimpleRNN", "LSTM",
                "Bidirectional", "Embedding", "Keras 1.2.2", "Keras 2", "Keras 3", "tf.keras")) {
            assertTrue(all.contains(kind), "no fixture exercises " + kind);
        }
        for (Case c : cases) {
            assertTrue(Files.isRegularFile(c.path()), c.id() + ": missing " + c.path());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kerasFile(Case c) throws IOException {
        switch (c.expect()) {
            case "predict" -> predictsKerasNumbers(c);
            case "refuse" -> refused(c, false);
            case "load-or-refuse" -> refused(c, true);
            default -> fail(c.id() + ": unknown expect '" + c.expect() + "' in manifest.json");
        }
    }

    private static void predictsKerasNumbers(Case c) throws IOException {
        Model model = Model.load(c.path());
        assertModelClass(c, model);
        INDArray[] inputs = KerasFiles.read(c.ref("inputs"));
        INDArray[] expected = KerasFiles.read(c.ref("expected"));
        INDArray[] actual = inputs.length == 1 && expected.length == 1
                ? new INDArray[] {model.predict(inputs[0])}
                : model.predict(inputs, (int) inputs[0].size(0));
        assertEquals(expected.length, actual.length, c.id() + ": number of outputs");
        double[] tol = c.tolerance();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            String m = KerasFiles.mismatch(expected[i], actual[i], tol[0], tol[1]);
            if (m != null) {
                problems.add("output " + i + ": " + m);
            }
        }
        assertTrue(problems.isEmpty(), c.id() + " (" + c.file() + ", Keras " + c.kerasVersion() + ", expected from "
                + c.expectedSource() + "): " + String.join("; ", problems));
    }

    private static void assertModelClass(Case c, Model model) {
        assertNotNull(model, c.id());
        if ("Sequential".equals(c.modelClass())) {
            assertInstanceOf(Sequential.class, model, c.id() + ": a Keras Sequential file loads as a Sequential");
        } else if ("Model".equals(c.modelClass())) {
            assertFalse(model instanceof Sequential, c.id() + ": a functional Keras file loads as a functional Model");
        }
    }

    private static void refused(Case c, boolean loadingAllowed) {
        Model model;
        try {
            model = Model.load(c.path());
        } catch (IOException | IllegalArgumentException e) {
            String message = e.getMessage();
            assertNotNull(message, c.id() + ": refusal without a message");
            assertFalse(message.isBlank(), c.id() + ": blank refusal message");
            assertFalse(message.contains("\n"), c.id() + ": the refusal is one line. Received: " + message);
            // The file's own path names e.g. "lambda" or "theano": only the rest of the message counts.
            String reason = message.replace(c.path().toAbsolutePath().toString(), "")
                    .replace(c.path().toString(), "").replace(c.path().getFileName().toString(), "")
                    .toLowerCase(Locale.ROOT);
            for (String fragment : c.errorContains()) {
                assertTrue(reason.contains(fragment.toLowerCase(Locale.ROOT)),
                        c.id() + ": the refusal names '" + fragment + "'. Received: " + message);
            }
            return;
        }
        if (!loadingAllowed) {
            fail(c.id() + ": " + c.file() + " must be refused (" + c.notes() + "), but it loaded as " + model);
        }
        assertModelClass(c, model);
    }
}
