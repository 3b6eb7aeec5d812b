package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.runtime.NetworkRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;

/**
 * What code that trains a kerasj model's DL4J network elsewhere (DL4J's Spark training, in the optional
 * {@code dev.kerasj.internal.dl4j.spark}) needs of the engine: the network itself, and Keras's data
 * turned into the arrays that network trains on.
 */
public final class Dl4jRuntimes {
    private Dl4jRuntimes() {
    }

    /**
     * The DL4J network behind a runtime: a {@code MultiLayerNetwork} (Sequential) or a
     * {@code ComputationGraph} (functional model).
     */
    public static org.deeplearning4j.nn.api.Model network(NetworkRuntime runtime) {
        if (runtime instanceof Dl4jSequentialRuntime s) {
            return s.network();
        }
        if (runtime instanceof Dl4jGraphRuntime g) {
            return g.network();
        }
        throw new IllegalArgumentException("Expected a model running on the DL4J engine. Received a runtime of type "
                + (runtime == null ? "null" : runtime.getClass().getName()) + ".");
    }

    /**
     * How many convolution → BatchNormalization (→ ReLU) chains {@code predict} computes in one pass each
     * ({@link dev.kerasj.internal.dl4j.layers.InferenceFusion}).
     */
    public static int fusedChains(NetworkRuntime runtime) {
        if (runtime instanceof Dl4jSequentialRuntime s) {
            return s.fusions().size();
        }
        return ((Dl4jGraphRuntime) runtime).fusions().size();
    }

    /** The Keras sample shape of each output of the model behind {@code runtime}. */
    public static long[][] outputShapes(NetworkRuntime runtime) {
        if (runtime instanceof Dl4jSequentialRuntime s) {
            return new long[][] {s.outputShape()};
        }
        return ((Dl4jGraphRuntime) runtime).outputShapes().stream().map(long[]::clone).toArray(long[][]::new);
    }

    /**
     * Keras labels of one output ({@code (batch, …outputShape)}, or {@code (batch,)} class indices) as the
     * DL4J loss layer reads them: float32, 2-D, one row per position for sequence and image outputs.
     */
    public static INDArray labelRows(INDArray labels, long[] outputShape) {
        INDArray f = labels.dataType() == DataType.FLOAT ? labels : labels.castTo(DataType.FLOAT);
        if (f.rank() == 1) {
            f = f.reshape(f.length(), 1);
        }
        return Dl4jNetworks.toRows(f, outputShape);
    }

    /**
     * Checks that the network's configuration survives Java serialization, which DL4J's distributed
     * training uses to send it to the workers; fails naming the class that does not.
     */
    public static void requireSerializable(org.deeplearning4j.nn.api.Model network) {
        Object conf = network instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork m
                ? m.getLayerWiseConfigurations()
                : ((org.deeplearning4j.nn.graph.ComputationGraph) network).getConfiguration();
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(conf);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("This model cannot be distributed: its DL4J configuration holds a "
                    + e.getMessage() + ", which Java serialization cannot send to the workers (a custom layer, loss or "
                    + "optimizer written as a lambda or holding such a field?).", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("This model cannot be distributed: its DL4J configuration failed to "
                    + "serialize: " + e, e);
        }
    }
}
