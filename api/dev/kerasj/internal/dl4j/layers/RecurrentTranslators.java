package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.dl4j.Dl4jActivations;
import dev.kerasj.layers.BaseRNN;
import dev.kerasj.layers.GRU;
import dev.kerasj.layers.LSTM;
import dev.kerasj.layers.SimpleRNN;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

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
    static <B extends BaseRecurrentLayer.Builder<B>> org.deeplearning4j.nn.conf.layers.Layer finish(B b, BaseRNN<?> r) {
        b.nIn(r.builtInputShape()[1]).nOut(r.units())
                .activation(Dl4jActivations.of(r.activation()))
                .dataFormat(RNNFormat.NWC)
                .weightInitRecurrent(WeightInit.XAVIER_UNIFORM);
        if (!java.util.Objects.equals(serialized(r.kernelRegularizer()), serialized(r.recurrentRegularizer()))) {
            throw new IllegalArgumentException("Layer '" + r.name() + "' (" + r.className() + "): DL4J applies one "
                    + "weight penalty to both kernel and recurrent_kernel. Received: kernel_regularizer="
                    + serialized(r.kernelRegularizer()) + ", recurrent_regularizer=" + serialized(r.recurrentRegularizer())
                    + ". Give both the same regularizer.");
        }
        Common.apply(b, r, r.kernelRegularizer(), r.biasRegularizer());
        if (!r.useBias()) {
            b.biasUpdater(new NoOp()); // the bias stays at 0, as if absent
        }
        if (r.dropout() > 0) {
            b.dropOut(new org.deeplearning4j.nn.conf.dropout.Dropout(1.0 - r.dropout()));
        }
        org.deeplearning4j.nn.conf.layers.Layer layer = b.build();
        if (layer instanceof org.deeplearning4j.nn.conf.layers.LSTM l) {
            layer = MaskAwareLayers.Lstm.of(l);
        } else if (layer instanceof SimpleRnn s) {
            layer = MaskAwareLayers.SimpleRnn.of(s);
        }
        return r.returnSequences() ? layer : new LastTimeStep(layer);
    }

    private static Object serialized(dev.kerasj.regularizers.Regularizer r) {
        return r == null ? null : r.serialize();
    }

    /** LSTM → DL4J {@code LSTM} (no peepholes), gates permuted between Keras's and DL4J's order. */
    public static final class LstmTranslator implements LayerTranslator<LSTM> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(LSTM l) {
            org.deeplearning4j.nn.conf.layers.LSTM.Builder b = new org.deeplearning4j.nn.conf.layers.LSTM.Builder()
                    .gateActivationFunction(Dl4jActivations.of(l.recurrentActivation()))
                    .forgetGateBiasInit(l.unitForgetBias() ? 1.0 : 0.0)
                    .helperAllowFallback(true);
            return finish(b, l);
        }

        @Override
        public List<INDArray> getWeights(LSTM l, org.deeplearning4j.nn.api.Layer dl4j) {
            return get(l, dl4j::getParam);
        }

        @Override
        public void setWeights(LSTM l, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
            set(l, dl4j::getParam, weights);
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

    /** GRU → kerasj's {@link GruSameDiffLayer} (DL4J has none); weights already in Keras's layout. */
    public static final class GruTranslator implements LayerTranslator<GRU> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(GRU g) {
            if (!java.util.Objects.equals(serialized(g.kernelRegularizer()), serialized(g.recurrentRegularizer()))) {
                throw new IllegalArgumentException("Layer '" + g.name() + "' (GRU): DL4J applies one weight penalty to "
                        + "both kernel and recurrent_kernel. Give both the same regularizer.");
            }
            return new GruSameDiffLayer(g.name(), g.builtInputShape()[1], g.units(), g.builtInputShape()[0],
                    g.returnSequences(), g.useBias(), g.activation(), g.recurrentActivation(),
                    g.trainable() ? null : new NoOp(), Common.regularizations(g.kernelRegularizer()),
                    Common.regularizations(g.biasRegularizer()));
        }

        @Override
        public List<INDArray> getWeights(GRU g, org.deeplearning4j.nn.api.Layer dl4j) {
            long u = g.units();
            INDArray kernel = Nd4j.create(DataType.FLOAT, g.builtInputShape()[1], 3 * u);
            INDArray recurrent = Nd4j.create(DataType.FLOAT, u, 3 * u);
            INDArray bias = Nd4j.create(DataType.FLOAT, 2, 3 * u);
            for (int gate = 0; gate < 3; gate++) {
                INDArrayIndex cols = NDArrayIndex.interval(gate * u, (gate + 1) * u);
                kernel.get(NDArrayIndex.all(), cols).assign(dl4j.getParam(GruSameDiffLayer.kernel(gate)));
                recurrent.get(NDArrayIndex.all(), cols).assign(dl4j.getParam(GruSameDiffLayer.recurrentKernel(gate)));
                if (g.useBias()) {
                    for (int row = 0; row < 2; row++) {
                        bias.get(NDArrayIndex.interval(row, row + 1), cols).assign(dl4j.getParam(GruSameDiffLayer.bias(row, gate)));
                    }
                }
            }
            return g.useBias() ? List.of(kernel, recurrent, bias) : List.of(kernel, recurrent);
        }

        @Override
        public void setWeights(GRU g, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
            long u = g.units();
            for (int gate = 0; gate < 3; gate++) {
                INDArrayIndex cols = NDArrayIndex.interval(gate * u, (gate + 1) * u);
                dl4j.getParam(GruSameDiffLayer.kernel(gate)).assign(weights.get(0).get(NDArrayIndex.all(), cols));
                dl4j.getParam(GruSameDiffLayer.recurrentKernel(gate)).assign(weights.get(1).get(NDArrayIndex.all(), cols));
                for (int row = 0; row < 2; row++) {
                    dl4j.getParam(GruSameDiffLayer.bias(row, gate)).assign(g.useBias()
                            ? weights.get(2).get(NDArrayIndex.interval(row, row + 1), cols) : Nd4j.scalar(0f));
                }
            }
        }
    }

    /** SimpleRNN → DL4J {@code SimpleRnn} (same layout: W, RW, b). */
    public static final class SimpleRnnTranslator implements LayerTranslator<SimpleRNN> {
        @Override
        public org.deeplearning4j.nn.conf.layers.Layer toDl4j(SimpleRNN l) {
            return finish(new SimpleRnn.Builder().hasLayerNorm(false), l);
        }

        @Override
        public List<INDArray> getWeights(SimpleRNN l, org.deeplearning4j.nn.api.Layer dl4j) {
            return get(l, dl4j::getParam);
        }

        @Override
        public void setWeights(SimpleRNN l, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
            set(l, dl4j::getParam, weights);
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
