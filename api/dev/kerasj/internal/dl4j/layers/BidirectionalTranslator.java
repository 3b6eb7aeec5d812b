package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.BaseRNN;
import dev.kerasj.layers.Bidirectional;
import dev.kerasj.layers.LSTM;
import dev.kerasj.layers.SimpleRNN;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Bidirectional → DL4J's {@code Bidirectional} wrapper (NWC) around the recurrent layer's sequence
 * translation; without return_sequences, {@link BidirectionalLastPreProcessor} takes Keras's two last
 * states (DL4J's LastTimeStep inside Bidirectional does not backpropagate). DL4J's parameters are the
 * wrapped layer's with prefixes {@code f} (forward) and {@code b} (backward).
 */
public final class BidirectionalTranslator implements LayerTranslator<Bidirectional> {
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Bidirectional b) {
        BaseRNN<?> inner = b.layer();
        org.deeplearning4j.nn.conf.layers.Layer conf = LayerTranslators.of((dev.kerasj.layers.Layer) inner).toDl4j(inner);
        if (conf instanceof LastTimeStep l) {
            conf = l.getUnderlying();
        }
        // Keras's Bidirectional outputs zeros at masked steps (zero_output_for_mask), as DL4J's layers do
        if (conf instanceof MaskAwareLayers.Lstm l) {
            l.setCarryOutput(false);
        } else if (conf instanceof MaskAwareLayers.SimpleRnn s) {
            s.setCarryOutput(false);
        }
        org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode mode = switch (b.mergeMode()) {
            case "sum" -> org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.ADD;
            case "mul" -> org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.MUL;
            case "ave" -> org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.AVERAGE;
            default -> org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.CONCAT;
        };
        org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional out =
                new org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional(mode, conf);
        out.setLayerName(b.name());
        return out;
    }

    @Override
    public long[] dl4jOutputShape(Bidirectional b) {
        long[] in = b.builtInputShape();
        return b.layer().returnSequences() ? b.outputShape() : new long[] {in[0], 2L * b.layer().units()};
    }

    @Override
    public InputPreProcessor outputAdapter(Bidirectional b) {
        return b.layer().returnSequences() ? null
                : new BidirectionalLastPreProcessor(b.layer().units(), b.builtInputShape()[0]);
    }

    private static List<INDArray> get(BaseRNN<?> inner, Function<String, INDArray> p) {
        return inner instanceof LSTM l ? RecurrentTranslators.LstmTranslator.get(l, p)
                : RecurrentTranslators.SimpleRnnTranslator.get((SimpleRNN) inner, p);
    }

    private static void set(BaseRNN<?> inner, Function<String, INDArray> p, List<INDArray> w) {
        if (inner instanceof LSTM l) {
            RecurrentTranslators.LstmTranslator.set(l, p, w);
        } else {
            RecurrentTranslators.SimpleRnnTranslator.set((SimpleRNN) inner, p, w);
        }
    }

    @Override
    public List<INDArray> getWeights(Bidirectional b, org.deeplearning4j.nn.api.Layer dl4j) {
        List<INDArray> out = new ArrayList<>(get(b.layer(), k -> dl4j.getParam(BidirectionalParamInitializer.FORWARD_PREFIX + k)));
        out.addAll(get(b.layer(), k -> dl4j.getParam(BidirectionalParamInitializer.BACKWARD_PREFIX + k)));
        return out;
    }

    @Override
    public void setWeights(Bidirectional b, org.deeplearning4j.nn.api.Layer dl4j, List<INDArray> weights) {
        int n = weights.size() / 2;
        set(b.layer(), k -> dl4j.getParam(BidirectionalParamInitializer.FORWARD_PREFIX + k), weights.subList(0, n));
        set(b.layer(), k -> dl4j.getParam(BidirectionalParamInitializer.BACKWARD_PREFIX + k), weights.subList(n, 2 * n));
    }
}
