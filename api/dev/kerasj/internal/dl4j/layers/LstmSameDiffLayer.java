package dev.kerasj.internal.dl4j.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;

/**
 * Keras's LSTM as a {@link RecurrentSameDiffLayer}: used when {@code recurrent_dropout > 0}, which DL4J's
 * LSTM lacks. Gate blocks i, f, c, o; for each step, with {@code z_g = x_g + r_g}:
 * <pre>
 *   i = σ(z_i), f = σ(z_f), o = σ(z_o);  c_t = f ⊙ c_{t−1} + i ⊙ act(z_c);  h_t = o ⊙ act(c_t)
 * </pre>
 */
public class LstmSameDiffLayer extends RecurrentSameDiffLayer {
    private static final String[] GATES = {"i", "f", "c", "o"};

    /** For JSON. */
    public LstmSameDiffLayer() {
    }

    public LstmSameDiffLayer(String name, long nIn, long units, long timesteps, boolean returnSequences, boolean useBias,
                             String activation, String recurrentActivation, double dropout, double recurrentDropout,
                             IUpdater updater, List<Regularization> kernelRegularization,
                             List<Regularization> biasRegularization) {
        super(name, nIn, units, timesteps, returnSequences, useBias, activation, recurrentActivation, dropout,
                recurrentDropout, updater, kernelRegularization, biasRegularization);
    }

    @Override
    protected String[] gateNames() {
        return GATES;
    }

    @Override
    protected int stateCount() {
        return 2;
    }

    @Override
    protected SDVariable[] step(SameDiff sd, SDVariable[] x, SDVariable[] r, SDVariable[] state) {
        SDVariable i = apply(sd, getRecurrentActivation(), plus(x[0], r[0]));
        SDVariable f = apply(sd, getRecurrentActivation(), plus(x[1], r[1]));
        SDVariable g = apply(sd, getActivation(), plus(x[2], r[2]));
        SDVariable o = apply(sd, getRecurrentActivation(), plus(x[3], r[3]));
        // c_{-1} = 0, written out: every op must be used (SameDiff takes an unused one for the graph's loss)
        SDVariable c = f.mul(state == null ? sd.zerosLike(i) : state[1]).add(i.mul(g));
        return new SDVariable[] {o.mul(apply(sd, getActivation(), c)), c};
    }
}
