package dev.kerasj.internal.dl4j.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;

/**
 * Keras's SimpleRNN as a {@link RecurrentSameDiffLayer}: used with {@code dropout} or
 * {@code recurrent_dropout}, which DL4J's SimpleRnn cannot apply as Keras does.
 * {@code h_t = act((x_t ⊙ mx)·kernel + bias + (h_{t−1} ⊙ mh)·recurrent_kernel)}.
 */
public class SimpleRnnSameDiffLayer extends RecurrentSameDiffLayer {
    private static final String[] GATES = {"h"};

    /** For JSON. */
    public SimpleRnnSameDiffLayer() {
    }

    public SimpleRnnSameDiffLayer(String name, long nIn, long units, long timesteps, boolean returnSequences,
                                  boolean useBias, String activation, double dropout, double recurrentDropout,
                                  IUpdater updater, List<Regularization> kernelRegularization,
                                  List<Regularization> biasRegularization) {
        super(name, nIn, units, timesteps, returnSequences, useBias, activation, "sigmoid", dropout, recurrentDropout,
                updater, kernelRegularization, biasRegularization);
    }

    @Override
    protected String[] gateNames() {
        return GATES;
    }

    @Override
    protected SDVariable[] step(SameDiff sd, SDVariable[] x, SDVariable[] r, SDVariable[] state) {
        return new SDVariable[] {apply(sd, getActivation(), plus(x[0], r[0]))};
    }
}
