package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.dl4j.layers.Dl4jShapes;
import dev.kerasj.layers.CustomLayer;
import dev.kerasj.layers.WeightSpec;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CustomLayer} → a SameDiff layer whose graph is the layer's own {@code call}; each declared weight
 * is one DL4J parameter ({@code (1, n)} for a vector, else its declared shape), so the Keras layout is the
 * parameter itself.
 */
public final class CustomLayerTranslator implements LayerTranslator<CustomLayer> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(CustomLayer layer) {
        return new Conf(layer, layer.trainable() ? null : new NoOp());
    }

    @Override
    public List<INDArray> getWeights(CustomLayer layer, org.deeplearning4j.nn.api.Layer dl4j) {
        List<INDArray> out = new ArrayList<>();
        List<WeightSpec> specs = layer.weightSpecs();
        for (int i = 0; i < specs.size(); i++) {
            out.add(dl4j.getParam(param(i)).dup('c').reshape('c', specs.get(i).shape()));
        }
        return out;
    }

    @Override
    public void setWeights(CustomLayer layer, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        for (int i = 0; i < weights.size(); i++) {
            INDArray p = dl4j.getParam(param(i));
            p.assign(weights.get(i).reshape('c', p.shape()));
        }
    }

    static String param(int i) {
        return "w" + i;
    }

    static long[] dl4jShape(long[] keras) {
        return keras.length == 1 ? new long[] {1, keras[0]} : keras.clone();
    }

    /** The DL4J configuration: the kerasj layer's {@code call} as the SameDiff graph. */
    public static final class Conf extends CorrectedSameDiffLayer {
        private transient CustomLayer layer;

        /** For DL4J's reflection. */
        public Conf() {
        }

        Conf(CustomLayer layer, IUpdater updater) {
            this.layer = layer;
            this.layerName = layer.name();
            this.updater = updater;
            this.biasUpdater = updater;
        }

        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params, SDVariable mask) {
            Map<String, SDVariable> weights = new LinkedHashMap<>();
            List<WeightSpec> specs = layer.weightSpecs();
            for (int i = 0; i < specs.size(); i++) {
                SDVariable p = params.get(param(i));
                weights.put(specs.get(i).name(), specs.get(i).shape().length == 1 ? p.reshape(specs.get(i).shape()) : p);
            }
            SDVariable y = layer.call(sd, x, weights);
            if (y == null) {
                throw new IllegalStateException("Layer '" + layer.name() + "' (" + layer.className()
                        + "): call() returned null; it must return the output variable.");
            }
            return y;
        }

        @Override
        public void defineParameters(SDLayerParams params) {
            params.clear();
            List<WeightSpec> specs = layer.weightSpecs();
            for (int i = 0; i < specs.size(); i++) {
                params.addWeightParam(param(i), dl4jShape(specs.get(i).shape()));
            }
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            // kerasj draws every weight with the layer's initializers and writes it (setWeights)
        }

        @Override
        public IUpdater getUpdaterByParam(String paramName) {
            int i = Integer.parseInt(paramName.substring(1));
            if (!layer.weightSpecs().get(i).trainable()) {
                return new NoOp();
            }
            return super.getUpdaterByParam(paramName);
        }

        /** Non-trainable weights get zero gradients (a NoOp updater alone lets DL4J subtract the raw gradient). */
        @Override
        protected Runtime createRuntime(org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
                                        org.nd4j.linalg.api.buffer.DataType dataType) {
            List<WeightSpec> specs = layer.weightSpecs();
            return new Runtime(conf, dataType) {
                @Override
                public org.nd4j.common.primitives.Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> backpropGradient(
                        INDArray epsilon, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr workspaceMgr) {
                    var r = super.backpropGradient(epsilon, workspaceMgr);
                    for (int i = 0; i < specs.size(); i++) {
                        INDArray g = specs.get(i).trainable() ? null : r.getFirst().getGradientFor(param(i));
                        if (g != null) {
                            g.assign(0);
                        }
                    }
                    return r;
                }
            };
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType inputType) {
            return Dl4jShapes.inputType(layer.outputShape());
        }
    }
}
