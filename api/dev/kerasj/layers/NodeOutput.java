package dev.kerasj.layers;

import dev.kerasj.internal.Shapes;

import java.util.List;

/** One output of one application of a layer: {@code layer[nodeIndex][tensorIndex]} in Keras's notation. */
final class NodeOutput implements KerasTensor {
    private final Layer layer;
    private final int nodeIndex;
    private final List<KerasTensor> inbound;
    private final long[] shape;
    private final int tensorIndex;
    private final List<KerasTensor> siblings;

    private NodeOutput(Layer layer, int nodeIndex, List<KerasTensor> inbound, long[] shape, int tensorIndex,
                       List<KerasTensor> siblings) {
        this.layer = layer;
        this.nodeIndex = nodeIndex;
        this.inbound = List.copyOf(inbound);
        this.shape = shape.clone();
        this.tensorIndex = tensorIndex;
        this.siblings = siblings;
    }

    /** The outputs, one per shape, of application {@code nodeIndex} of {@code layer} to {@code inbound}. */
    static List<KerasTensor> of(Layer layer, int nodeIndex, List<KerasTensor> inbound, List<long[]> shapes) {
        List<KerasTensor> all = new java.util.ArrayList<>();
        List<KerasTensor> view = java.util.Collections.unmodifiableList(all);
        for (int k = 0; k < shapes.size(); k++) {
            all.add(new NodeOutput(layer, nodeIndex, inbound, shapes.get(k), k, view));
        }
        return view;
    }

    @Override
    public int tensorIndex() {
        return tensorIndex;
    }

    @Override
    public List<KerasTensor> nodeOutputs() {
        return siblings;
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
        return "<KerasTensor shape=" + Shapes.withBatch(shape) + ", name=" + n + "[" + nodeIndex + "][" + tensorIndex + "]>";
    }
}
