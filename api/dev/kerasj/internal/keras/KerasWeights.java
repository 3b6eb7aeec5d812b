package dev.kerasj.internal.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A layer's weights from a Keras file in Keras 3's layout, kerasj's. Keras 2 and 3 share the layout; Keras 1
 * differs for recurrent layers (one array per gate: {@code W_i, U_i, b_i, W_c, …} → one kernel
 * {@code (in, 4·units)} with gate blocks i, f, c, o; GRU's z, r, h) and for Conv1D (a 4-D kernel
 * {@code (k, 1, in, filters)} → {@code (k, in, filters)}). Bidirectional weights are the forward layer's, then
 * the backward layer's; each half is translated as its own layer.
 */
public final class KerasWeights {
    private static final String[] LSTM_GATES = {"i", "f", "c", "o"};
    private static final String[] GRU_GATES = {"z", "r", "h"};

    private KerasWeights() {
    }

    @SuppressWarnings("unchecked")
    public static List<WeightArray> toKeras3(String cls, Map<String, Object> config, List<WeightArray> arrays, int major,
                                             String layer) throws KerasFileException {
        if ("Bidirectional".equals(cls) && config.get("layer") instanceof Map<?, ?> inner) {
            int half = arrays.size() / 2;
            Map<String, Object> in = (Map<String, Object>) inner;
            String innerCls = String.valueOf(in.get("class_name"));
            Map<String, Object> innerConfig = (Map<String, Object>) in.get("config");
            List<WeightArray> out = new ArrayList<>(toKeras3(innerCls, innerConfig, arrays.subList(0, half), major, layer));
            out.addAll(toKeras3(innerCls, innerConfig, arrays.subList(half, arrays.size()), major, layer));
            return out;
        }
        if ("TimeDistributed".equals(cls) && config.get("layer") instanceof Map<?, ?> inner) {
            Map<String, Object> in = (Map<String, Object>) inner;
            return toKeras3(String.valueOf(in.get("class_name")), (Map<String, Object>) in.get("config"), arrays, major,
                    layer);
        }
        // Keras 1's layouts are recognised by their count and shapes, which Keras 2 and 3 never write (a Keras 1
        // weights-only file does not say its version)
        return switch (cls) {
            case "Conv1D" -> {
                List<WeightArray> out = new ArrayList<>(arrays);
                WeightArray k = arrays.get(0);
                if (k.shape().length == 4 && k.shape()[1] == 1) {
                    out.set(0, k.reshape(k.shape()[0], k.shape()[2], k.shape()[3]));
                }
                yield out;
            }
            case "LSTM" -> gates(arrays, LSTM_GATES, layer);
            case "GRU" -> gates(arrays, GRU_GATES, layer);
            default -> arrays;
        };
    }

    /** Keras 1's per-gate arrays ({@code <name>_W_<g>}, {@code _U_<g>}, {@code _b_<g>}) joined gate by gate. */
    private static List<WeightArray> gates(List<WeightArray> arrays, String[] gates, String layer) throws KerasFileException {
        if (arrays.size() <= 3) {
            return arrays; // Keras 2/3, or Keras 1's consume_less='gpu': already joined, in Keras 2's gate order
        }
        if (arrays.size() != 3 * gates.length) {
            throw new KerasFileException("layer '" + layer + "' has " + arrays.size() + " weights in the file; a Keras 1 "
                    + "recurrent layer has 3 or " + 3 * gates.length);
        }
        List<WeightArray> out = new ArrayList<>();
        for (String kind : new String[] {"W", "U", "b"}) {
            List<WeightArray> parts = new ArrayList<>();
            for (String g : gates) {
                parts.add(find(arrays, "_" + kind + "_" + g, layer));
            }
            out.add(concatLastAxis(parts, kind.equals("W") ? "kernel" : kind.equals("U") ? "recurrent_kernel" : "bias"));
        }
        return out;
    }

    private static WeightArray find(List<WeightArray> arrays, String suffix, String layer) throws KerasFileException {
        for (WeightArray a : arrays) {
            String n = a.name().replaceAll(":\\d+$", "");
            if (n.endsWith(suffix)) {
                return a;
            }
        }
        throw new KerasFileException("layer '" + layer + "' has no weight named *" + suffix + " in the file");
    }

    /** Arrays of equal leading shape joined along their last axis (C order). */
    static WeightArray concatLastAxis(List<WeightArray> parts, String name) throws KerasFileException {
        long[] first = parts.get(0).shape();
        long rows = 1;
        for (int i = 0; i < first.length - 1; i++) {
            rows *= first[i];
        }
        long cols = 0;
        for (WeightArray p : parts) {
            if (p.shape().length != first.length) {
                throw new KerasFileException("weights " + parts.get(0).name() + " and " + p.name() + " have different ranks");
            }
            cols += p.shape()[first.length - 1];
        }
        float[] out = new float[Math.toIntExact(rows * cols)];
        long offset = 0;
        for (WeightArray p : parts) {
            int c = (int) p.shape()[first.length - 1];
            if (p.data().length != rows * c) {
                throw new KerasFileException("weights " + parts.get(0).name() + " and " + p.name() + " do not share "
                        + "their leading dimensions");
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(p.data(), r * c, out, (int) (r * cols + offset), c);
            }
            offset += c;
        }
        long[] shape = first.clone();
        shape[shape.length - 1] = cols;
        return new WeightArray(name, shape, out);
    }
}
