package dev.kerasj.layers;

import java.util.List;

/**
 * A symbolic tensor of the functional API: the shape of what flows along one edge of a model's graph,
 * and where it comes from. An {@link Input} is one; {@link Layer#apply(KerasTensor...)} returns the others.
 * It holds no values: a {@link dev.kerasj.Model} built from inputs and outputs runs the graph on data.
 *
 * <pre>{@code
 * Input inputs = new Input(120, 14);              // (None, 120, 14)
 * KerasTensor x = new LSTM(16).apply(inputs);     // (None, 16)
 * KerasTensor outputs = new Dense(1).apply(x);    // (None, 1)
 * Model model = new Model(inputs, outputs);
 * }</pre>
 */
public interface KerasTensor {
    /** The sample shape, without the batch axis. */
    long[] shape();

    /** The layer that produced this tensor (an {@link Input} produces itself). */
    Layer layer();

    /** Which application of {@link #layer()} produced it: 0 for the first call, 1 for the second… */
    int nodeIndex();

    /** The tensors that call consumed, in order (empty for an {@link Input}). */
    List<KerasTensor> inboundTensors();

    /**
     * Which output of that call it is: 0, or for a layer with several outputs (a recurrent layer with
     * {@code returnState(true)}) its position among them. Keras's {@code layer[node][tensor]}.
     */
    default int tensorIndex() {
        return 0;
    }

    /** Every output of the call that produced this tensor, in order ({@code this} alone for most layers). */
    default List<KerasTensor> nodeOutputs() {
        return List.of(this);
    }
}
