package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * A DL4J {@link SameDiffLayer} whose backprop is corrected: in DL4J/ND4J 1.0.0-M2.1 a SameDiff layer's
 * backprop returns twice the true gradients (a one-matrix-multiply layer fails DL4J's own gradient check
 * by exactly 2×, in its parameters and in the layer below it), so the runtime layer scales the parameter
 * and input gradients by {@link #GRADIENT_SCALE}. The gradient checks in
 * the tests keep this honest should DL4J change.
 */
public abstract class CorrectedSameDiffLayer extends SameDiffLayer {
    /** The factor applied to the parameter gradients and the input gradient DL4J's SameDiff layer returns. */
    public static final double GRADIENT_SCALE = 0.5;

    protected CorrectedSameDiffLayer() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        Runtime ret = createRuntime(conf, networkDataType);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        ret.setListeners(listeners);
        return ret;
    }

    /** The runtime layer {@link #instantiate} sets up (a subclass may add to {@link Runtime}). */
    protected Runtime createRuntime(NeuralNetConfiguration conf, DataType dataType) {
        return new Runtime(conf, dataType);
    }

    /** DL4J's runtime SameDiff layer with the gradients scaled. */
    public static class Runtime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {
        public Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            Pair<Gradient, INDArray> r = super.backpropGradient(epsilon, workspaceMgr);
            for (INDArray g : r.getFirst().gradientForVariable().values()) {
                g.muli(GRADIENT_SCALE);
            }
            if (r.getSecond() != null) {
                r.getSecond().muli(GRADIENT_SCALE);
            }
            return r;
        }
    }
}
