package dev.kerasj.display;

import dev.kerasj.Model;
import dev.kerasj.internal.Shapes;
import dev.kerasj.internal.SummaryTable;
import dev.kerasj.layers.Layer;

/**
 * {@code model.summary()} as an HTML table for notebooks: the same columns and numbers as the text
 * summary (Layer (type), Output Shape, Param #) and the same totals.
 *
 * <pre>{@code
 * display(Summaries.html(model).toHtml(), "text/html");
 * }</pre>
 */
public final class Summaries {
    private Summaries() {
    }

    /** The summary of a built model as an HTML table. */
    public static Html html(Model model) {
        if (model == null) {
            throw new IllegalArgumentException("Invalid `model`: expected a model. Received: model=null");
        }
        long total = model.countParams(); // fails clearly when the model is not built
        long trainable = model.countTrainableParams();
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"kerasj-summary\"><p><b>Model: \"").append(Html.escape(model.name())).append("\"</b></p>\n");
        sb.append("<table>\n<thead><tr><th style=\"text-align:left\">Layer (type)</th>"
                + "<th style=\"text-align:left\">Output Shape</th><th style=\"text-align:right\">Param #</th></tr></thead>\n<tbody>\n");
        for (Layer l : model.layers()) {
            sb.append("<tr><td style=\"text-align:left\">").append(Html.escape(l.name())).append(" (")
                    .append(Html.escape(l.className())).append(")</td><td style=\"text-align:left\">")
                    .append(Html.escape(Shapes.withBatch(l.outputShape()))).append("</td><td style=\"text-align:right\">")
                    .append(SummaryTable.thousands(l.countParams())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        sb.append("<p>Total params: ").append(SummaryTable.thousands(total)).append(" (")
                .append(SummaryTable.readableSize(total * 4.0)).append(")<br/>\n");
        sb.append("Trainable params: ").append(SummaryTable.thousands(trainable)).append(" (")
                .append(SummaryTable.readableSize(trainable * 4.0)).append(")<br/>\n");
        sb.append("Non-trainable params: ").append(SummaryTable.thousands(total - trainable)).append(" (")
                .append(SummaryTable.readableSize((total - trainable) * 4.0)).append(")</p></div>\n");
        return new Html(sb.toString());
    }
}
