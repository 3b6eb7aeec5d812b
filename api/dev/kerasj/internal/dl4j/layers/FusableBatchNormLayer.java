package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's {@link BatchNormalization} configuration (a trainable layer), instantiating DL4J's own layer that passes
 * its input on when the convolution before it has computed it in an {@link InferenceFusion} (at inference only);
 * otherwise, and in training always, DL4J's layer unchanged.
 */
public final class FusableBatchNormLayer extends BatchNormalization {
    /** For DL4J's reflection and cloning; use {@link #of}. */
    public FusableBatchNormLayer() {
    }

    /** A copy of the built configuration {@code conf}. */
    public static FusableBatchNormLayer of(BatchNormalization conf) {
        return Common.copyFields(conf, new FusableBatchNormLayer(), BatchNormalization.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return Common.instantiated(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof FusableBatchNormLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 2;
    }

    /** DL4J's layer, passing the fused result on at inference. */
    static final class Impl extends org.deeplearning4j.nn.layers.normalization.BatchNormalization
            implements InferenceFusion.Absorbed {
        private InferenceFusion fusion;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public void absorbedBy(InferenceFusion f) {
            fusion = f;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (fusion != null && fusion.passesThrough(training)) {
                assertInputSet(false);
                return InferenceFusion.passedOn(input, workspaceMgr);
            }
            return super.activate(training, workspaceMgr);
        }
    }
}
