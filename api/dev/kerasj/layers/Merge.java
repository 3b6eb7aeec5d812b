package dev.kerasj.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The base of the merge layers ({@link Add}, {@link Subtract}, {@link Multiply}, {@link Average},
 * {@link Maximum}, {@link Concatenate}, {@link Dot}): layers applied to a list of at least two tensors,
 * with no weights. They exist only in functional models ({@link dev.kerasj.Model}); a
 * {@link dev.kerasj.Sequential} has one tensor between layers.
 *
 * <pre>{@code
 * KerasTensor sum = new Add().apply(inputs, new Dense(4).apply(inputs));
 * }</pre>
 *
 * @param <T> the concrete merge layer type
 */
public abstract class Merge<T extends Merge<T>> extends BaseLayer<T> {
    private List<long[]> pending;
    private List<long[]> builtInputShapes;

    protected Merge() {
    }

    /** The shapes of the tensors the layer was applied to (no batch axis). */
    public final List<long[]> builtInputShapes() {
        if (builtInputShapes == null) {
            throw new IllegalStateException("Merge layer '" + displayName() + "' has not been applied to tensors yet.");
        }
        List<long[]> out = new ArrayList<>();
        for (long[] s : builtInputShapes) {
            out.add(s.clone());
        }
        return out;
    }

    @Override
    protected final void buildForInputs(List<long[]> shapes) {
        if (shapes.size() < 2) {
            throw new IllegalArgumentException("A merge layer should be called on a list of at least 2 inputs. Layer \""
                    + displayName() + "\" (" + className() + ") received " + shapes.size() + " input(s) with shapes "
                    + describeShapes(shapes) + ".");
        }
        if (builtInputShapes != null) {
            if (!sameShapes(builtInputShapes, shapes)) {
                throw new IllegalStateException("Layer '" + displayName() + "' (" + className() + ") was applied to inputs "
                        + describeShapes(builtInputShapes) + " and cannot be reused with inputs " + describeShapes(shapes)
                        + ". Create a new layer instead.");
            }
            return;
        }
        pending = shapes;
        try {
            build(shapes.get(0));
        } finally {
            pending = null;
        }
        builtInputShapes = List.copyOf(shapes);
    }

    private static boolean sameShapes(List<long[]> a, List<long[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected final long[] computeOutputShape(long[] inputShape) {
        if (pending == null) {
            throw new IllegalArgumentException("A merge layer should be called on a list of inputs. Layer \"" + displayName()
                    + "\" (" + className() + ") cannot follow a single tensor of shape "
                    + dev.kerasj.internal.Shapes.withBatch(inputShape) + "; use it in a functional Model: "
                    + "new " + className() + "().apply(a, b).");
        }
        return computeMergedShape(pending);
    }

    /**
     * The output shape for these input shapes; fails naming the layer and the shapes when they do not fit. By
     * default an element-wise merge's ({@link #sameShapeOutput}: {@code Add}, {@code Average}, {@code Maximum}…).
     */
    protected long[] computeMergedShape(List<long[]> shapes) {
        return sameShapeOutput(shapes);
    }

    /** No arguments beyond the common ones (name, trainable, dtype), unless a merge has its own. */
    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of();
    }

    /** Element-wise merges: every input must have the same shape, which is the output's. */
    protected final long[] sameShapeOutput(List<long[]> shapes) {
        for (long[] s : shapes) {
            if (!Arrays.equals(s, shapes.get(0))) {
                throw new IllegalArgumentException("Inputs of layer \"" + displayName() + "\" (" + className() + ") have "
                        + "incompatible shapes: element-wise merges need identical shapes. Received: input_shape="
                        + describeShapes(shapes) + ".");
            }
        }
        return shapes.get(0).clone();
    }

    /**
     * Element-wise merges that broadcast, as Keras's: inputs of one rank whose axes are equal or 1 (e.g. a
     * {@code (1, 1, c)} squeeze-and-excitation gate times a {@code (h, w, c)} feature map); the output takes the
     * larger size on each axis.
     */
    protected final long[] broadcastOutput(List<long[]> shapes) {
        long[] out = shapes.get(0).clone();
        for (long[] s : shapes) {
            boolean fits = s.length == out.length;
            for (int i = 0; fits && i < s.length; i++) {
                if (s[i] != out[i] && s[i] != 1 && out[i] != 1) {
                    fits = false;
                } else {
                    out[i] = Math.max(out[i], s[i]);
                }
            }
            if (!fits) {
                throw new IllegalArgumentException("Inputs of layer \"" + displayName() + "\" (" + className() + ") have "
                        + "incompatible shapes: each axis must be equal or 1 to broadcast. Received: input_shape="
                        + describeShapes(shapes) + ".");
            }
        }
        return out;
    }
}
