package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Keras's Masking values as a parameter-free SameDiff layer over NWC sequences {@code (batch, T, F)}:
 * {@code out = x · any(x ≠ mask_value, axis=-1)}, so a step whose features all equal mask_value becomes
 * zeros. The mask itself reaches the layers after it as DL4J's feature mask (computed by the runtime
 * from the same input, see {@code Dl4jMasks}).
 */
public class MaskingSameDiffLayer extends CorrectedSameDiffLayer {
    private double maskValue;

    /** For JSON. */
    public MaskingSameDiffLayer() {
    }

    public MaskingSameDiffLayer(String name, double maskValue) {
        this.layerName = name;
        this.maskValue = maskValue;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable keep = sd.max(x.neq(maskValue).castTo(DataType.FLOAT), true, 2);
        return x.mul(keep);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    public double getMaskValue() {
        return maskValue;
    }

    public void setMaskValue(double maskValue) {
        this.maskValue = maskValue;
    }
}
