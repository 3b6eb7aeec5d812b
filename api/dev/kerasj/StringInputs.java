package dev.kerasj;

import dev.kerasj.layers.Input;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.PreprocessingLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The host-side stage of string inputs: each array given for an {@code Input(...).dtype("string")} is mapped
 * to numbers by the one StringLookup or Hashing layer reading that input ({@code indexStrings}), before the
 * data checks and the network, which computes on numbers only; that layer then encodes the indices inside the
 * network. Arrays for the other inputs pass unchanged (strings there are refused).
 */
final class StringInputs {
    private StringInputs() {
    }

    static INDArray[] lookUp(Model model, INDArray[] x, String arg) {
        List<Input> inputs = model.inputLayers();
        INDArray[] out = x.clone();
        for (int i = 0; i < x.length; i++) {
            String a = x.length == 1 ? arg : arg + "[" + i + "]";
            Input in = i < inputs.size() ? inputs.get(i) : null;
            boolean strings = x[i] != null && x[i].dataType() == DataType.UTF8;
            if (in == null || !"string".equals(in.dtype())) {
                if (strings) {
                    throw new IllegalArgumentException("Invalid `" + a + "`: it holds strings, but the model's input "
                            + (in == null ? i : "'" + in.name() + "'") + " takes numbers. Declare it as "
                            + "new Input(...).dtype(\"string\") and read it with StringLookup or Hashing.");
                }
                continue;
            }
            List<Layer> readers = model.inputReaders(i);
            if (readers.size() != 1 || !(readers.get(0) instanceof PreprocessingLayer<?> p) || !p.acceptsStrings()) {
                throw new IllegalArgumentException("Input '" + in.name() + "' has dtype \"string\", so exactly one layer, a "
                        + "StringLookup or Hashing, must read it. Received readers: " + readers.stream().map(l -> l.name()
                        + " (" + l.className() + ")").toList() + ".");
            }
            p.readsIndexedStrings();
            if (x[i] == null) {
                continue;
            }
            if (!strings) {
                throw new IllegalArgumentException("Invalid `" + a + "`: input '" + in.name() + "' has dtype \"string\"; "
                        + "expected a string array, e.g. Nd4j.create(strings).reshape(n, 1). Received: dtype="
                        + x[i].dataType() + ".");
            }
            out[i] = p.indexStrings(x[i]);
        }
        return out;
    }
}
