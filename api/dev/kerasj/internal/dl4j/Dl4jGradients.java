package dev.kerasj.internal.dl4j;

import dev.kerasj.internal.runtime.GradientPass;
import dev.kerasj.internal.Shapes;
import dev.kerasj.internal.dl4j.layers.InputGradientSwitch;
import dev.kerasj.layers.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Input gradients of a DL4J network in inference mode, for explanations (saliency, integrated gradients,
 * Grad-CAM). DL4J's own gradient methods run the training forward pass (dropout on, BatchNormalization on
 * batch statistics) and start from a loss; this walks the layers itself: forward with dropout switched off
 * and BatchNormalization in inference mode, then backward from a seed {@code w} on the outputs, so the
 * result is ∂(Σ w ⊙ y)/∂x of the function {@code predict} computes. Parameter gradients land in DL4J's
 * gradient buffer (overwritten by the next training step) and nothing is updated.
 */
final class Dl4jGradients {
    private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();

    private Dl4jGradients() {
    }

    /**
     * Refuses masked inputs, and models whose layers apply dropout that only a layer's own training pass
     * can switch off.
     */
    static void requireExplainable(List<Layer> layers, boolean masked) {
        if (masked) {
            throw new IllegalArgumentException("Gradient explanations do not support masked inputs (Masking or"
                    + " Embedding(mask_zero)) yet; use a SHAP explainer.");
        }
        for (Layer l : layers) {
            Map<String, Object> c = l.getConfig();
            for (String key : new String[] {"recurrent_dropout", "dropout"}) {
                if (c.get(key) instanceof Number n && n.doubleValue() > 0 && c.containsKey("units")) {
                    throw new IllegalArgumentException("Gradient explanations run the model in inference mode, and layer '"
                            + l.name() + "' (" + l.getClass().getSimpleName() + ") applies " + key + "=" + n
                            + " inside its recurrence, which kerasj cannot switch off for a gradient pass. Explain a copy"
                            + " of the model built without " + key + " (same weights), or use a SHAP explainer.");
                }
            }
        }
    }

    /** The pass for a {@code Sequential}: DL4J layer i is kerasj layer i, then the loss layer. */
    static GradientPass sequential(MultiLayerNetwork net, long[] outputShape, INDArray x,
                                   Function<INDArray[], INDArray[]> seeds, int atIndex, long[] atShape) {
        org.deeplearning4j.nn.api.Layer[] ls = net.getLayers();
        int mb = (int) x.size(0);
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces(); Inference inf = new Inference(List.of(ls))) {
            if (net.getGradientsViewArray() == null) {
                net.initGradientsView();
            }
            INDArray a = x;
            INDArray atOut = null;
            for (int i = 0; i < ls.length; i++) {
                InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pp != null) {
                    a = pp.preProcess(a, mb, MGR);
                }
                a = forward(ls[i], a);
                if (i == atIndex) {
                    atOut = a.dup();
                }
            }
            INDArray out = Dl4jNetworks.toKeras(a, outputShape);
            INDArray w = seed(seeds, new INDArray[] {out})[0];
            INDArray eps = Dl4jNetworks.toRows(w, outputShape).reshape('c', a.shape());
            INDArray atGrad = null;
            for (int i = ls.length - 1; i >= 0; i--) {
                if (i == atIndex) {
                    atGrad = eps.dup();
                }
                if (i < ls.length - 1) { // the loss layer passes its input through
                    eps = backward(ls[i], eps, i);
                }
                InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pp != null) {
                    eps = pp.backprop(eps, mb, MGR);
                }
            }
            return new GradientPass(new INDArray[] {out.dup()}, new INDArray[] {eps.dup()},
                    keras(atOut, atShape, mb), keras(atGrad, atShape, mb));
        } finally {
            net.clearLayersStates();
        }
    }

    /**
     * The pass for a functional model: vertices in DL4J's topological order, without the loss layers;
     * the seed enters at the kerasj output vertices, and a vertex read by several others sums their gradients.
     */
    static GradientPass graph(ComputationGraph graph, List<String> outputVertices, List<long[]> outputShapes,
                              INDArray[] xs, Function<INDArray[], INDArray[]> seeds, String atVertex, long[] atShape) {
        GraphVertex[] vs = graph.getVertices();
        int[] order = graph.topologicalSortOrder();
        int mb = (int) xs[0].size(0);
        List<org.deeplearning4j.nn.api.Layer> withLayers = new ArrayList<>();
        for (GraphVertex v : vs) {
            if (v.hasLayer() && !v.isOutputVertex()) {
                withLayers.add(v.getLayer());
            }
        }
        graph.setInputs(xs);
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces(); Inference inf = new Inference(withLayers)) {
            if (graph.getGradientsViewArray() == null) {
                graph.initGradientsView();
            }
            Map<String, INDArray> acts = new HashMap<>();
            for (int idx : order) {
                GraphVertex v = vs[idx];
                if (v.isOutputVertex()) {
                    continue;
                }
                INDArray out = v.isInputVertex() ? xs[idx]
                        : v.doForward(!(v.hasLayer() && isBatchNorm(v.getLayer())), MGR);
                acts.put(v.getVertexName(), out);
                if (v.getOutputVertices() != null) {
                    for (VertexIndices o : v.getOutputVertices()) {
                        vs[o.getVertexIndex()].setInput(o.getVertexEdgeNumber(), out, MGR);
                    }
                }
            }
            INDArray[] outs = new INDArray[outputVertices.size()];
            for (int i = 0; i < outs.length; i++) {
                outs[i] = Dl4jNetworks.toKeras(acts.get(outputVertices.get(i)), outputShapes.get(i));
            }
            INDArray[] w = seed(seeds, outs);
            Map<Integer, INDArray> eps = new HashMap<>();
            for (int i = 0; i < outs.length; i++) {
                int idx = vertexIndex(vs, outputVertices.get(i));
                add(eps, idx, w[i].dup('c').reshape('c', acts.get(outputVertices.get(i)).shape()));
            }
            INDArray[] inputGrads = new INDArray[xs.length];
            INDArray atGrad = null;
            for (int k = order.length - 1; k >= 0; k--) {
                GraphVertex v = vs[order[k]];
                INDArray e = eps.get(v.getVertexIndex());
                if (e == null || v.isOutputVertex()) {
                    continue;
                }
                if (v.getVertexName().equals(atVertex)) {
                    atGrad = e.dup();
                }
                if (v.isInputVertex()) {
                    inputGrads[v.getVertexIndex()] = e.dup();
                    continue;
                }
                INDArray[] back;
                if (v.hasLayer() && isBatchNorm(v.getLayer())) {
                    INDArray g = batchNormBackward((BatchNormalization) v.getLayer(), e);
                    InputPreProcessor pp = ((LayerVertex) v).getLayerPreProcessor();
                    back = new INDArray[] {pp == null ? g : pp.backprop(g, mb, MGR)};
                } else {
                    v.setEpsilon(e);
                    back = v.doBackward(false, MGR).getSecond();
                }
                VertexIndices[] ins = v.getInputVertices();
                for (int j = 0; j < ins.length; j++) {
                    if (back[j] == null) {
                        throw noInputGradient(v.getVertexName());
                    }
                    add(eps, ins[j].getVertexIndex(), back[j]);
                }
            }
            for (int i = 0; i < inputGrads.length; i++) {
                if (inputGrads[i] == null) {
                    inputGrads[i] = Nd4j.zerosLike(xs[i]); // the outputs do not depend on this input
                }
            }
            INDArray atOut = atVertex == null ? null : acts.get(atVertex).dup();
            return new GradientPass(dupAll(outs), inputGrads, keras(atOut, atShape, mb), keras(atGrad, atShape, mb));
        } finally {
            graph.clearLayersStates();
        }
    }

    private static INDArray[] seed(Function<INDArray[], INDArray[]> seeds, INDArray[] outputs) {
        INDArray[] w = seeds.apply(outputs);
        if (w == null || w.length != outputs.length) {
            throw new IllegalArgumentException("The seed function must return one array per model output ("
                    + outputs.length + "). Received: " + (w == null ? "null" : w.length + " arrays") + ".");
        }
        for (int i = 0; i < w.length; i++) {
            if (!java.util.Arrays.equals(w[i].shape(), outputs[i].shape())) {
                throw new IllegalArgumentException("Seed " + i + " must have the output's shape "
                        + java.util.Arrays.toString(outputs[i].shape()) + ". Received: " + java.util.Arrays.toString(w[i].shape()) + ".");
            }
            w[i] = w[i].castTo(outputs[i].dataType());
        }
        return w;
    }

    private static void add(Map<Integer, INDArray> eps, int idx, INDArray g) {
        INDArray prev = eps.get(idx);
        eps.put(idx, prev == null ? g.dup() : prev.add(g));
    }

    private static int vertexIndex(GraphVertex[] vs, String name) {
        for (GraphVertex v : vs) {
            if (v.getVertexName().equals(name)) {
                return v.getVertexIndex();
            }
        }
        throw new IllegalStateException("No vertex named '" + name + "'.");
    }

    private static INDArray[] dupAll(INDArray[] a) {
        INDArray[] r = new INDArray[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].dup();
        }
        return r;
    }

    /** A layer's activation or gradient in Keras's shape {@code (batch, …shape)} (DL4J may add unit axes). */
    private static INDArray keras(INDArray a, long[] shape, int mb) {
        if (a == null || shape == null) {
            return a;
        }
        long[] want = Shapes.prepend(mb, shape);
        if (a.length() != java.util.Arrays.stream(want).reduce(1, (p, q) -> p * q)) {
            throw new IllegalStateException("Layer activation of shape " + java.util.Arrays.toString(a.shape())
                    + " does not hold Keras's " + java.util.Arrays.toString(want) + ".");
        }
        return a.dup('c').reshape('c', want);
    }

    private static INDArray forward(org.deeplearning4j.nn.api.Layer layer, INDArray input) {
        return layer.activate(input, !isBatchNorm(layer), MGR);
    }

    private static INDArray backward(org.deeplearning4j.nn.api.Layer layer, INDArray eps, int index) {
        INDArray g = isBatchNorm(layer) ? batchNormBackward((BatchNormalization) layer, eps)
                : layer.backpropGradient(eps, MGR).getSecond();
        if (g == null) {
            throw noInputGradient(layer.conf().getLayer().getLayerName() + "' (layer " + index);
        }
        return g;
    }

    private static IllegalArgumentException noInputGradient(String name) {
        return new IllegalArgumentException("Layer '" + name + "' passes no gradient to its input (an Embedding reads"
                + " integer ids, which have none). Gradient explanations need a differentiable path from the input;"
                + " use a SHAP explainer for such models.");
    }

    private static boolean isBatchNorm(org.deeplearning4j.nn.api.Layer layer) {
        return layer instanceof BatchNormalization;
    }

    /**
     * BatchNormalization in inference mode is {@code y = γ (x − mean) / √(var + ε) + β}, so
     * {@code ∂y/∂x = γ / √(var + ε)} per channel (DL4J's own backprop assumes batch statistics).
     */
    private static INDArray batchNormBackward(BatchNormalization bn, INDArray eps) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer();
        INDArray var = bn.getParam("var");
        INDArray gamma = bn.paramTable().containsKey("gamma") ? bn.getParam("gamma")
                : Nd4j.valueArrayOf(var.shape(), c.getGamma(), var.dataType());
        INDArray scale = gamma.div(Transforms.sqrt(var.add(c.getEps()), false)).reshape(-1).castTo(eps.dataType());
        if (eps.rank() == 2) {
            return eps.mulRowVector(scale);
        }
        if (eps.rank() == 4) {
            int axis = c.getCnn2DFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NHWC ? 3 : 1;
            return eps.mul(scale.reshape(axis == 3 ? new long[] {1, 1, 1, scale.length()} : new long[] {1, scale.length(), 1, 1}));
        }
        throw new IllegalArgumentException("BatchNormalization gradient for explanations: unsupported rank " + eps.rank() + ".");
    }

    /**
     * The network switched to explanation mode for one pass: every layer's dropout removed and every
     * skipped input gradient switched on; {@link #close()} restores both.
     */
    private static final class Inference implements AutoCloseable {
        private final Map<org.deeplearning4j.nn.conf.layers.Layer, IDropout> dropouts = new IdentityHashMap<>();
        private final List<InputGradientSwitch> switched = new ArrayList<>();

        Inference(List<org.deeplearning4j.nn.api.Layer> layers) {
            for (org.deeplearning4j.nn.api.Layer l : layers) {
                org.deeplearning4j.nn.api.Layer inner = l;
                while (inner instanceof BaseWrapperLayer w) {
                    inner = w.getUnderlying();
                }
                for (org.deeplearning4j.nn.api.Layer one : new org.deeplearning4j.nn.api.Layer[] {l, inner}) {
                    org.deeplearning4j.nn.conf.layers.Layer conf = one.conf().getLayer();
                    if (conf.getIDropout() != null && !dropouts.containsKey(conf)) {
                        dropouts.put(conf, conf.getIDropout());
                        conf.setIDropout(null);
                    }
                }
                if (inner instanceof InputGradientSwitch s && !s.inputGradient()) {
                    s.inputGradient(true);
                    switched.add(s);
                }
            }
        }

        @Override
        public void close() {
            dropouts.forEach(org.deeplearning4j.nn.conf.layers.Layer::setIDropout);
            switched.forEach(s -> s.inputGradient(false));
        }
    }
}
