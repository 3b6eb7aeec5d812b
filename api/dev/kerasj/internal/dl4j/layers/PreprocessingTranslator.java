package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.PreprocessingLayer;
import dev.kerasj.layers.WeightSpec;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every {@link PreprocessingLayer} → one DL4J layer that calls the kerasj layer's Java {@code compute} on the
 * batch (DL4J's training flag passed on, so augmentation acts only in {@code fit}) and its
 * {@code inputGradient} backwards (zeros where the layer passes none). The configuration is a SameDiff layer
 * only for DL4J's parameter bookkeeping: each weight is one non-trainable parameter ({@code (1, n)} for a
 * vector, {@code (1, 1)} for a scalar such as Normalization's count), whose gradient is always zero; no
 * SameDiff graph is ever built.
 */
public final class PreprocessingTranslator implements LayerTranslator<PreprocessingLayer<?>> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(PreprocessingLayer<?> layer) {
        return new Conf(layer);
    }

    @Override
    public List<INDArray> getWeights(PreprocessingLayer<?> layer, org.deeplearning4j.nn.api.Layer dl4j) {
        return kerasWeights(layer, dl4j.paramTable(), true);
    }

    @Override
    public void setWeights(PreprocessingLayer<?> layer, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        for (int i = 0; i < weights.size(); i++) {
            INDArray p = dl4j.getParam(CustomLayerTranslator.param(i));
            p.assign(weights.get(i).castTo(p.dataType()).reshape('c', p.shape()));
        }
    }

    /** The parameters in Keras's shapes (copies when {@code copy}). */
    static List<INDArray> kerasWeights(PreprocessingLayer<?> layer, Map<String, INDArray> params, boolean copy) {
        List<INDArray> out = new ArrayList<>();
        List<WeightSpec> specs = layer.weightSpecs();
        for (int i = 0; i < specs.size(); i++) {
            INDArray p = params.get(CustomLayerTranslator.param(i));
            INDArray c = copy ? p.dup('c') : p;
            long[] shape = specs.get(i).shape();
            out.add(shape.length == 0 ? Nd4j.scalar(c.dataType(), c.getDouble(0)) : c.reshape('c', shape));
        }
        return out;
    }

    static long[] dl4jShape(long[] keras) {
        return keras.length == 0 ? new long[] {1, 1} : CustomLayerTranslator.dl4jShape(keras);
    }

    /** The DL4J configuration: parameters as a SameDiff layer declares them, computation in Java. */
    public static final class Conf extends CorrectedSameDiffLayer {
        private transient PreprocessingLayer<?> layer;

        /** For DL4J's reflection. */
        public Conf() {
        }

        Conf(PreprocessingLayer<?> layer) {
            this.layer = layer;
            this.layerName = layer.name();
            IUpdater none = new NoOp();
            this.updater = none;
            this.biasUpdater = none;
        }

        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params, SDVariable mask) {
            throw new IllegalStateException("Preprocessing layer '" + layer.name() + "' computes in Java, not in SameDiff.");
        }

        @Override
        public void defineParameters(SDLayerParams params) {
            params.clear();
            List<WeightSpec> specs = layer.weightSpecs();
            for (int i = 0; i < specs.size(); i++) {
                params.addWeightParam(CustomLayerTranslator.param(i), dl4jShape(specs.get(i).shape()));
            }
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            // kerasj writes the weights (the layer's state) itself
        }

        @Override
        public IUpdater getUpdaterByParam(String paramName) {
            return new NoOp();
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType inputType) {
            return Dl4jShapes.inputType(layer.outputShape());
        }

        @Override
        protected Runtime createRuntime(NeuralNetConfiguration conf, DataType dataType) {
            return new HostRuntime(conf, dataType, layer);
        }
    }

    /** Forward: the layer's {@code compute}; backward: its {@code inputGradient} (or zeros), zero parameter gradients. */
    static final class HostRuntime extends CorrectedSameDiffLayer.Runtime {
        private final PreprocessingLayer<?> layer;

        HostRuntime(NeuralNetConfiguration conf, DataType dataType, PreprocessingLayer<?> layer) {
            super(conf, dataType);
            this.layer = layer;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            INDArray out;
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                out = layer.compute(input, training, kerasWeights(layer, paramTable, false));
            }
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, out.castTo(dataType));
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            Gradient g = new DefaultGradient();
            if (gradTable != null) {
                for (Map.Entry<String, INDArray> e : gradTable.entrySet()) {
                    e.getValue().assign(0);
                    g.gradientForVariable().put(e.getKey(), e.getValue());
                }
            }
            INDArray dx;
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                dx = layer.inputGradient(input, epsilon, kerasWeights(layer, paramTable, false));
            }
            INDArray out = dx != null ? workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dx.castTo(dataType))
                    : workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape());
            if (dx == null) {
                out.assign(0);
            }
            return new Pair<>(g, out);
        }
    }
}
