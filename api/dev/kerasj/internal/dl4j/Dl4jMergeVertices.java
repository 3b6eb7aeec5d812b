package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.dl4j.layers.Dl4jShapes;
import dev.kerasj.layers.Add;
import dev.kerasj.layers.Average;
import dev.kerasj.layers.Concatenate;
import dev.kerasj.layers.Dot;
import dev.kerasj.layers.Maximum;
import dev.kerasj.layers.Merge;
import dev.kerasj.layers.Multiply;
import dev.kerasj.layers.Subtract;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Merge layers → DL4J graph vertices (no parameters): Add/Subtract/Multiply/Average/Maximum →
 * {@link ElementWiseVertex} with Add/Subtract/Product/Average/Max; Concatenate → {@link MergeVertex} on
 * the last axis (DL4J's axis 1 for {@code (n, features)}, 2 for NWC sequences, 3 for NHWC images);
 * Dot → a SameDiff vertex computing {@code Σ_i a[:, i]·b[:, i]}; a Multiply of inputs of different shapes
 * (Keras's broadcasting) → DL4J's product vertex, which broadcasts.
 */
final class Dl4jMergeVertices {
    private static final Map<Class<?>, Function<Merge<?>, GraphVertex>> VERTICES = Map.of(
            Add.class, m -> new ElementWiseVertex(ElementWiseVertex.Op.Add),
            Subtract.class, m -> new ElementWiseVertex(ElementWiseVertex.Op.Subtract),
            Multiply.class, Dl4jMergeVertices::multiply,
            Average.class, m -> new ElementWiseVertex(ElementWiseVertex.Op.Average),
            Maximum.class, m -> new ElementWiseVertex(ElementWiseVertex.Op.Max),
            Concatenate.class, Dl4jMergeVertices::concatenate,
            Dot.class, m -> new DotVertex());

    private Dl4jMergeVertices() {
    }

    static GraphVertex of(Merge<?> layer) {
        Function<Merge<?>, GraphVertex> f = VERTICES.get(layer.getClass());
        if (f == null) {
            throw new IllegalArgumentException("Merge layer '" + layer.name() + "' (" + layer.className()
                    + ") has no DL4J translation.");
        }
        return f.apply(layer);
    }

    private static GraphVertex multiply(Merge<?> layer) {
        List<long[]> shapes = layer.builtInputShapes();
        for (long[] s : shapes) {
            if (!Arrays.equals(s, shapes.get(0))) {
                return new BroadcastProductVertex(layer.outputShape());
            }
        }
        return new ElementWiseVertex(ElementWiseVertex.Op.Product);
    }

    private static GraphVertex concatenate(Merge<?> layer) {
        MergeVertex v = new MergeVertex();
        // Channels-last everywhere: the last axis of the DL4J array (batch axis included).
        v.setMergeAxis(layer.builtInputShapes().get(0).length);
        return v;
    }

    /**
     * DL4J's element-wise product, whose runtime broadcasts (axes equal or 1; the gradient of a broadcast input is
     * summed over its broadcast axes), with the output type of the broadcast shape: DL4J's own configuration
     * rejects convolutional inputs of different sizes.
     */
    public static final class BroadcastProductVertex extends ElementWiseVertex {
        private long[] outputShape;

        /** For DL4J's reflection; use {@link #BroadcastProductVertex(long[])}. */
        public BroadcastProductVertex() {
            super(Op.Product);
        }

        BroadcastProductVertex(long[] outputShape) {
            this();
            this.outputShape = outputShape.clone();
        }

        public long[] getOutputShape() {
            return outputShape;
        }

        public void setOutputShape(long[] outputShape) {
            this.outputShape = outputShape;
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
            return Dl4jShapes.inputType(outputShape);
        }

        @Override
        public BroadcastProductVertex clone() {
            return new BroadcastProductVertex(outputShape);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BroadcastProductVertex b && Arrays.equals(b.outputShape, outputShape);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(outputShape);
        }
    }

    /** Per-sample dot product of two {@code (n, k)} inputs → {@code (n, 1)}. Public with a no-arg constructor for DL4J's clone(). */
    public static final class DotVertex extends SameDiffLambdaVertex {
        public DotVertex() {
        }

        @Override
        public SDVariable defineVertex(SameDiff sameDiff, VertexInputs inputs) {
            return inputs.getInput(0).mul(inputs.getInput(1)).sum(true, 1);
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
            return InputType.feedForward(1);
        }
    }
}
