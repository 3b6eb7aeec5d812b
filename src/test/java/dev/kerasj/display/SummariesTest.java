package dev.kerasj.display;

import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummariesTest {
    @Test
    void htmlTableHasKerasRowsAndTotals() throws Exception {
        // The course's seed-002 network; Dense params = in*units + units:
        // 784*784+784 = 615,440; 784*16+16 = 12,560; 16*16+16 = 272; 16*10+10 = 170; total 628,442 (2.40 MB at 4 B)
        Sequential m = new Sequential(new Input(784), new Dense(784, "sigmoid"), new Dense(16, "sigmoid"),
                new Dense(16, "sigmoid"), new Dense(10, "softmax"));
        String html = Summaries.html(m).toHtml();
        assertTrue(html.contains("<td style=\"text-align:left\">dense (Dense)</td><td style=\"text-align:left\">(None, 784)</td>"
                + "<td style=\"text-align:right\">615,440</td>"), html);
        assertTrue(html.contains(">dense_1 (Dense)</td><td style=\"text-align:left\">(None, 16)</td>"
                + "<td style=\"text-align:right\">12,560</td>"), html);
        assertTrue(html.contains(">dense_3 (Dense)</td><td style=\"text-align:left\">(None, 10)</td>"
                + "<td style=\"text-align:right\">170</td>"), html);
        assertTrue(html.contains("Total params: 628,442 (2.40 MB)"), html);
        assertTrue(html.contains("Non-trainable params: 0 (0.00 B)"), html);
    }

    @Test
    void escapesNamesAndNeedsABuiltModel() {
        Sequential m = new Sequential(new Input(3), new Dense(2));
        m.name("a<b>");
        assertTrue(Summaries.html(m).toHtml().contains("Model: \"a&lt;b&gt;\""));
        assertThrows(IllegalStateException.class, () -> Summaries.html(new Sequential(new Dense(2))));
    }
}
