package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Map;

/**
 * Keras's LayerNormalization over the last axis as a SameDiff layer:
 * {@code gamma · (x − mean) / sqrt(var + eps) + beta}, statistics per sample and position. Parameters
 * {@code gamma}, {@code beta} {@code (1, C)}; a disabled one (center/scale false) stays at its initial
 * value (never updated).
 */
public class LayerNormSameDiffLayer extends CorrectedSameDiffLayer {
    private long channels;
    private int rank;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;

    /** For JSON. */
    public LayerNormSameDiffLayer() {
    }

    /** {@code rank}: the input's rank with the batch axis. */
    public LayerNormSameDiffLayer(String name, long channels, int rank, double epsilon, boolean center, boolean scale,
                                  IUpdater updater) {
        this.layerName = name;
        this.channels = channels;
        this.rank = rank;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        this.updater = updater;
        this.biasUpdater = updater;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params, SDVariable mask) {
        int last = rank - 1;
        SDVariable mean = sd.mean(x, true, last);
        SDVariable centered = x.sub(mean);
        SDVariable var = sd.mean(centered.mul(centered), true, last);
        SDVariable normed = centered.div(sd.math.sqrt(var.add(epsilon)));
        return normed.mul(params.get("gamma")).add(params.get("beta"));
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam("gamma", 1, channels);
        params.addBiasParam("beta", 1, channels);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("gamma").assign(1);
        params.get("beta").assign(0);
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        if (("gamma".equals(paramName) && !scale) || ("beta".equals(paramName) && !center)) {
            return new NoOp();
        }
        return super.getUpdaterByParam(paramName);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    public long getChannels() {
        return channels;
    }

    public void setChannels(long channels) {
        this.channels = channels;
    }

    public int getRank() {
        return rank;
    }

    public void setRank(int rank) {
        this.rank = rank;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    public boolean isCenter() {
        return center;
    }

    public void setCenter(boolean center) {
        this.center = center;
    }

    public boolean isScale() {
        return scale;
    }

    public void setScale(boolean scale) {
        this.scale = scale;
    }
}
