package dev.kerasj;

import dev.kerasj.internal.Shapes;
import dev.kerasj.internal.SummaryTable;
import dev.kerasj.layers.Layer;

import java.util.List;

/** Keras 3's model summary as text: {@code Model: "name"}, the layer table, the parameter totals. */
final class ModelSummary {
    private ModelSummary() {
    }

    /** The summary of {@code model} around {@code table}. */
    static String text(Model model, SummaryTable table) {
        long total = model.countParams();
        long trainable = model.countTrainableParams();
        long non = total - trainable;
        return "Model: \"" + model.name() + "\"\n" + table.render()
                + " Total params: " + SummaryTable.thousands(total) + " (" + SummaryTable.readableSize(total * 4.0) + ")\n"
                + " Trainable params: " + SummaryTable.thousands(trainable) + " (" + SummaryTable.readableSize(trainable * 4.0)
                + ")\n"
                + " Non-trainable params: " + SummaryTable.thousands(non) + " (" + SummaryTable.readableSize(non * 4.0) + ")\n";
    }

    /** The three-column table of a chain of layers (a Sequential). */
    static SummaryTable chain(List<Layer> layers) {
        SummaryTable t = new SummaryTable(76, new double[] {0.45, 0.80, 1.0},
                new String[] {"Layer (type)", "Output Shape", "Param #"}, new boolean[] {false, false, true});
        for (Layer l : layers) {
            t.addRow(l.name() + " (" + l.className() + ")", Shapes.withBatch(l.outputShape()),
                    SummaryTable.thousands(l.countParams()));
        }
        return t;
    }
}
