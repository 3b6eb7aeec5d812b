package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.dl4j.layers.Dl4jActivations;
import dev.kerasj.layers.BaseRNN;
import dev.kerasj.layers.GRU;
import dev.kerasj.layers.LSTM;
import dev.kerasj.layers.SimpleRNN;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Translators of the recurrent layers. Sequences are NWC {@code (batch, timesteps, features)}; with
 * {@code return_sequences=false} the DL4J layer is wrapped in {@code LastTimeStep}. DL4J's parameters
 * {@code W (features, G·u)}, {@code RW (u, G·u)}, {@code b (1, G·u)} have Keras's layout up to the order
 * of the gate blocks.
 */
public final class RecurrentTranslators {
    private RecurrentTranslators() {
    }

    /**
     * Keras's LSTM gate order is i, f, c, o; DL4J's (LSTMHelpers) is c (tanh "input activations"),
     * f, o, i ("input modulation gate", sigmoid). DL4J block j holds Keras block {@code KERAS_OF_DL4J[j]}.
     */
    static final int[] KERAS_OF_DL4J = {2, 1, 3, 0};
    /** Keras block k holds DL4J block {@code DL4J_OF_KERAS[k]}. */
    static final int[] DL4J_OF_KERAS = {3, 1, 0, 2};

    /** The gate blocks (columns of width {@code units}) of {@code w} reordered: block j ← block {@code from[j]}. */
    static INDArray permuteGates(INDArray w, long units, int[] from) {
        INDArray m = w.rank() == 1 ? w.reshape(1, w.length()) : w;
        INDArray out = Nd4j.create(m.dataType(), m.shape(), 'c');
        for (int j = 0; j < from.length; j++) {
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(j * units, (j + 1) * units))
                    .assign(m.get(NDArrayIndex.all(), NDArrayIndex.interval(from[j] * units, (from[j] + 1) * units)));
        }
        return w.rank() == 1 ? out.reshape(w.length()) : out;
    }

    /** The settings every recurrent layer shares, then the LastTimeStep wrapper when needed. */
    static <B extends BaseRecurrentLayer.Builder<B>> org.deeplearning4j.nn.conf.layers.Layer finish(B b, BaseRNN<?> r,
                                                                                              IDropout dropout) {
        b.nIn(r.builtInputShape()[1]).nOut(r.units())
                .activation(Dl4jActivations.of(r.activation()))
                .dataFormat(RNNFormat.NWC)
                .weightInitRecurrent(WeightInit.XAVIER_UNIFORM);
        checkRegularizers(r);
        Common.apply(b, r, r.kernelRegularizer(), r.biasRegularizer());
        if (!r.useBias()) {
            b.biasUpdater(new NoOp()); // the bias stays at 0, as if absent
        }
        if (dropout != null) {
            b.dropOut(dropout);
        }
        org.deeplearning4j.nn.conf.layers.Layer layer = b.build();
        if (layer instanceof org.deeplearning4j.nn.conf.layers.LSTM l) {
            layer = MaskAwareLayers.Lstm.of(l);
        } else if (layer instanceof SimpleRnn s) {
            layer = MaskAwareLayers.SimpleRnn.of(s);
        }
        return r.returnSequences() ? layer : new LastTimeStep(layer);
    }

    /** DL4J applies one weight penalty to both kernels: refuses different ones. */
    static void checkRegularizers(BaseRNN<?> r) {
        if (!java.util.Objects.equals(serialized(r.kernelRegularizer()), serialized(r.recurrentRegularizer()))) {
            throw new IllegalArgumentException("Layer '" + r.name() + "' (" + r.className() + "): DL4J applies one "
                    + "weight penalty to both kernel and recurrent_kernel. Received: kernel_regularizer="
                    + serialized(r.kernelRegularizer()) + ", recurrent_regularizer=" + serialized(r.recurrentRegularizer())
                    + ". Give both the same regularizer.");
        }
    }

    /** The kerasj SameDiff layer's shared arguments: name, sizes, options, updater and penalties. */
    interface SameDiffFactory {
        RecurrentSameDiffLayer create(String name, long nIn, long units, long timesteps, boolean returnSequences,
                                      boolean useBias, double dropout, double recurrentDropout, IUpdater updater,
                                      List<Regularization> kernelRegularization, List<Regularization> biasRegularization);
    }

    /**
     * The recurrent layer as kerasj's SameDiff implementation (Keras's dropout masks, any return_sequences,
     * return_state: the output and the final states packed in one row per sample).
     */
    static RecurrentSameDiffLayer sameDiff(BaseRNN<?> r, SameDiffFactory factory) {
        checkRegularizers(r);
        RecurrentSameDiffLayer layer = factory.create(r.name(), r.builtInputShape()[1], r.units(), r.builtInputShape()[0],
                r.returnSequences(), r.useBias(), r.dropout(), r.recurrentDropout(), r.trainable() ? null : new NoOp(),
                Common.regularizations(r.kernelRegularizer()), Common.regularizations(r.biasRegularizer()));
        layer.setReturnState(r.returnState());
        return layer;
    }

    /** The kerasj SameDiff layer behind a runtime layer, or null for DL4J's own layers. */
    static RecurrentSameDiffLayer sameDiffOf(org.deeplearning4j.nn.api.Layer dl4j) {
        return dl4j.conf().getLayer() instanceof RecurrentSameDiffLayer r ? r : null;
    }

    private static Object serialized(dev.kerasj.regularizers.Regularizer r) {
        return r == null ? null : r.serialize();
    }

    /**
     * A recurrent layer that runs as DL4J's own layer or, when it cannot, as a kerasj
     * {@link RecurrentSameDiffLayer}: weights go through whichever the runtime layer is.
     */
    private abstract static class NativeOrSameDiff<L extends dev.kerasj.layers.BaseRNN<L>> implements LayerTranslator<L> {
        /** Keras-layout weights of DL4J's own layer, from its parameters looked up by {@code param}. */
        abstract List<INDArray> nativeWeights(L l, Function<String, INDArray> param);

        abstract void setNativeWeights(L l, Function<String, INDArray> param, List<INDArray> weights);

        @Override
        public List<INDArray> getWeights(L l, org.deeplearning4j.nn.api.Layer dl4j) {
            RecurrentSameDiffLayer sd = sameDiffOf(dl4j);
            return sd != null ? sd.kerasWeights(dl4j) : nativeWeights(l, dl4j::getParam);
        }

        @Override
        public void setWeights(L l, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
            RecurrentSameDiffLayer sd = sameDiffOf(dl4j);
            if (sd != null) {
                sd.setKerasWeights(dl4j, weights);
            } else {
                setNativeWeights(l, dl4j::getParam, weights);
            }
        }
    }

    /** LSTM → DL4J {@code LSTM} (no peepholes), gates permuted between Keras's and DL4J's order. */
    public static final class LstmTranslator extends NativeOrSameDiff<LSTM> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(LSTM l) {
            if (l.recurrentDropout() > 0 || l.returnState()) {
                return sameDiff(l, (name, in, u, t, seq, bias, d, rd, upd, kr, br) -> new LstmSameDiffLayer(name, in, u,
                        t, seq, bias, l.activation(), l.recurrentActivation(), d, rd, upd, kr, br));
            }
            org.deeplearning4j.nn.conf.layers.LSTM.Builder b = new org.deeplearning4j.nn.conf.layers.LSTM.Builder()
                    .gateActivationFunction(Dl4jActivations.of(l.recurrentActivation()))
                    .forgetGateBiasInit(l.unitForgetBias() ? 1.0 : 0.0)
                    .helperAllowFallback(true);
            // DL4J's LSTM drops its input in NCW layout: SpatialDropout's (batch, features) mask is then shared
            // by every step, as Keras's
            return finish(b, l, l.dropout() > 0 ? new SpatialDropout(1.0 - l.dropout()) : null);
        }

        @Override
        List<INDArray> nativeWeights(LSTM l, Function<String, INDArray> param) {
            return get(l, param);
        }

        @Override
        void setNativeWeights(LSTM l, Function<String, INDArray> param, List<INDArray> weights) {
            set(l, param, weights);
        }

        /** Keras-layout weights from DL4J parameters looked up by {@code param}. */
        static List<INDArray> get(LSTM l, Function<String, INDArray> param) {
            List<INDArray> out = new ArrayList<>();
            out.add(permuteGates(param.apply(LSTMParamInitializer.INPUT_WEIGHT_KEY), l.units(), DL4J_OF_KERAS));
            out.add(permuteGates(param.apply(LSTMParamInitializer.RECURRENT_WEIGHT_KEY), l.units(), DL4J_OF_KERAS));
            if (l.useBias()) {
                INDArray b = param.apply(LSTMParamInitializer.BIAS_KEY);
                out.add(permuteGates(b.reshape(b.length()), l.units(), DL4J_OF_KERAS));
            }
            return out;
        }

        static void set(LSTM l, Function<String, INDArray> param, List<INDArray> weights) {
            param.apply(LSTMParamInitializer.INPUT_WEIGHT_KEY).assign(permuteGates(weights.get(0), l.units(), KERAS_OF_DL4J));
            param.apply(LSTMParamInitializer.RECURRENT_WEIGHT_KEY)
                    .assign(permuteGates(weights.get(1), l.units(), KERAS_OF_DL4J));
            INDArray b = param.apply(LSTMParamInitializer.BIAS_KEY);
            if (l.useBias()) {
                b.assign(permuteGates(weights.get(2), l.units(), KERAS_OF_DL4J).reshape(b.shape()));
            } else {
                b.assign(0);
            }
        }
    }

    /** GRU → kerasj's {@link GruSameDiffLayer} (DL4J has none); weights in Keras's layout, split by gate. */
    public static final class GruTranslator implements LayerTranslator<GRU> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(GRU g) {
            return sameDiff(g, (name, in, u, t, seq, bias, d, rd, upd, kr, br) -> new GruSameDiffLayer(name, in, u, t,
                    seq, bias, g.activation(), g.recurrentActivation(), d, rd, upd, kr, br, g.resetAfter()));
        }

        @Override
        public List<INDArray> getWeights(GRU g, org.deeplearning4j.nn.api.Layer dl4j) {
            return sameDiffOf(dl4j).kerasWeights(dl4j);
        }

        @Override
        public void setWeights(GRU g, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
            sameDiffOf(dl4j).setKerasWeights(dl4j, weights);
        }
    }

    /**
     * SimpleRNN → DL4J {@code SimpleRnn} (same layout: W, RW, b); with dropout or recurrent_dropout →
     * {@link SimpleRnnSameDiffLayer} (DL4J's SimpleRnn drops its input in NWC but its gradient in NCW).
     */
    public static final class SimpleRnnTranslator extends NativeOrSameDiff<SimpleRNN> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(SimpleRNN l) {
            if (l.dropout() > 0 || l.recurrentDropout() > 0 || l.returnState()) {
                return sameDiff(l, (name, in, u, t, seq, bias, d, rd, upd, kr, br) -> new SimpleRnnSameDiffLayer(name,
                        in, u, t, seq, bias, l.activation(), d, rd, upd, kr, br));
            }
            return finish(new SimpleRnn.Builder().hasLayerNorm(false), l, null);
        }

        @Override
        List<INDArray> nativeWeights(SimpleRNN l, Function<String, INDArray> param) {
            return get(l, param);
        }

        @Override
        void setNativeWeights(SimpleRNN l, Function<String, INDArray> param, List<INDArray> weights) {
            set(l, param, weights);
        }

        static List<INDArray> get(SimpleRNN l, Function<String, INDArray> param) {
            List<INDArray> out = new ArrayList<>();
            out.add(param.apply("W").dup('c'));
            out.add(param.apply("RW").dup('c'));
            if (l.useBias()) {
                INDArray b = param.apply("b");
                out.add(b.dup('c').reshape(b.length()));
            }
            return out;
        }

        static void set(SimpleRNN l, Function<String, INDArray> param, List<INDArray> weights) {
            param.apply("W").assign(weights.get(0));
            param.apply("RW").assign(weights.get(1));
            INDArray b = param.apply("b");
            if (l.useBias()) {
                b.assign(weights.get(2).reshape(b.shape()));
            } else {
                b.assign(0);
            }
        }
    }
}
