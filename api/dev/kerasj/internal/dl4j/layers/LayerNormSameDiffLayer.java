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

    /**
     * A disabled gamma or beta gets a zero gradient: its NoOp updater alone is not enough (DL4J then subtracts
     * the raw gradient, so with center=false beta learned whatever offset the labels had).
     */
    @Override
    protected Runtime createRuntime(org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
                                    org.nd4j.linalg.api.buffer.DataType dataType) {
        boolean fixedGamma = !scale;
        boolean fixedBeta = !center;
        return new Runtime(conf, dataType) {
            @Override
            public org.nd4j.common.primitives.Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> backpropGradient(
                    INDArray epsilon, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr workspaceMgr) {
                var r = super.backpropGradient(epsilon, workspaceMgr);
                INDArray g = fixedGamma ? r.getFirst().getGradientFor("gamma") : null;
                INDArray b = fixedBeta ? r.getFirst().getGradientFor("beta") : null;
                if (g != null) {
                    g.assign(0);
                }
                if (b != null) {
                    b.assign(0);
                }
                return r;
            }
        };
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
