package dev.kerasj.layers;

import dev.kerasj.internal.Shapes;

import java.util.List;

/** The output of one application of a layer: {@code layer[nodeIndex][0]} in Keras's notation. */
final class NodeOutput implements KerasTensor {
    private final Layer layer;
    private final int nodeIndex;
    private final List<KerasTensor> inbound;
    private final long[] shape;

    NodeOutput(Layer layer, int nodeIndex, List<KerasTensor> inbound, long[] shape) {
        this.layer = layer;
        this.nodeIndex = nodeIndex;
        this.inbound = List.copyOf(inbound);
        this.shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public Layer layer() {
        return layer;
    }

    @Override
    public int nodeIndex() {
        return nodeIndex;
    }

    @Override
    public List<KerasTensor> inboundTensors() {
        return inbound;
    }

    @Override
    public String toString() {
        String n = layer.name() == null ? layer.defaultNameBase() : layer.name();
        return "<KerasTensor shape=" + Shapes.withBatch(shape) + ", name=" + n + "[" + nodeIndex + "][0]>";
    }
}
