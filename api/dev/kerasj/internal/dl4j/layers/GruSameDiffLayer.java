package dev.kerasj.internal.dl4j.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;

/**
 * Keras's GRU as a {@link RecurrentSameDiffLayer}: Keras 3's {@code reset_after=true} below, or the original GRU
 * ({@code reset_after=false}, Keras 1/2's default: one bias (3u,), {@code ĥ = act(x_h + (r ⊙ h_{t−1})·U_h)}), since DL4J has no GRU
 * layer. Gate blocks z, r, h; bias {@code (2, 3u)} holds the input and recurrent biases. For each step:
 * <pre>
 *   x = x_t·kernel + bias[0];  m = h_{t−1}·recurrent_kernel + bias[1]
 *   z = σ(x_z + m_z);  r = σ(x_r + m_r);  ĥ = act(x_h + r ⊙ m_h)
 *   h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ,  h_0 = 0
 * </pre>
 * With Keras's mask a masked step keeps the state and repeats the previous output
 * ({@code h_t = h_{t−1} + m_t ⊙ (h'_t − h_{t−1})}, see {@link RecurrentSameDiffLayer}).
 */
public class GruSameDiffLayer extends RecurrentSameDiffLayer {
    private static final String[] GATES = {"z", "r", "h"};
    private boolean resetAfter = true;

    /** For JSON. */
    public GruSameDiffLayer() {
    }

    public GruSameDiffLayer(String name, long nIn, long units, long timesteps, boolean returnSequences, boolean useBias,
                            String activation, String recurrentActivation, double dropout, double recurrentDropout,
                            IUpdater updater, List<Regularization> kernelRegularization,
                            List<Regularization> biasRegularization) {
        this(name, nIn, units, timesteps, returnSequences, useBias, activation, recurrentActivation, dropout,
                recurrentDropout, updater, kernelRegularization, biasRegularization, true);
    }

    /** With {@code resetAfter} false: the original GRU (Keras 2's default), one bias row (3u,). */
    public GruSameDiffLayer(String name, long nIn, long units, long timesteps, boolean returnSequences, boolean useBias,
                            String activation, String recurrentActivation, double dropout, double recurrentDropout,
                            IUpdater updater, List<Regularization> kernelRegularization,
                            List<Regularization> biasRegularization, boolean resetAfter) {
        super(name, nIn, units, timesteps, returnSequences, useBias, activation, recurrentActivation, dropout,
                recurrentDropout, updater, kernelRegularization, biasRegularization);
        this.resetAfter = resetAfter;
    }

    @Override
    protected String[] gateNames() {
        return GATES;
    }

    @Override
    protected boolean hasRecurrentBias() {
        return resetAfter;
    }

    @Override
    protected boolean deferredRecurrent(int g) {
        return !resetAfter && g == 2;
    }

    @Override
    protected SDVariable[] step(SameDiff sd, SDVariable[] x, SDVariable[] m, SDVariable[] state) {
        SDVariable z = apply(sd, getRecurrentActivation(), x[0].add(m[0]));
        SDVariable r = apply(sd, getRecurrentActivation(), x[1].add(m[1]));
        SDVariable candidate;
        if (resetAfter) {
            candidate = apply(sd, getActivation(), x[2].add(r.mul(m[2])));
        } else { // ĥ = act(x_h + (r ⊙ h_{t−1})·U_h); h_{−1} = 0
            candidate = apply(sd, getActivation(), state == null ? x[2] : x[2].add(recurrent(sd, r.mul(state[0]), 2)));
        }
        // h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ = ĥ + z ⊙ (h_{t−1} − ĥ)
        SDVariable h = state == null ? candidate.sub(z.mul(candidate)) : candidate.add(z.mul(state[0].sub(candidate)));
        return new SDVariable[] {h};
    }
}
