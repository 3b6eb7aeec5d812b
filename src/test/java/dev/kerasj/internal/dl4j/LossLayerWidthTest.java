package dev.kerasj.internal.dl4j;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.KerasTensor;
import dev.kerasj.layers.LSTM;
import dev.kerasj.layers.TimeDistributed;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every DL4J feed-forward layer kerasj builds has a positive nOut: DL4J logs "WARN InputType - Assigning a size
 * of zero …" once per JVM for a layer without one (its {@code LossLayer} builder left nOut 0), and every
 * {@code kerasj} command that loaded a model printed that line.
 */
class LossLayerWidthTest {
    private static Object runtime(Model m) throws Exception {
        Method rt = Model.class.getDeclaredMethod("runtime");
        rt.setAccessible(true);
        return rt.invoke(m);
    }

    /** (layer name, nOut) of each feed-forward layer, and the loss layers' widths. */
    private static List<String> zeroWidths(Model m, List<Long> lossWidths) throws Exception {
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        Object rt = runtime(m);
        if (rt instanceof Dl4jSequentialRuntime s) {
            confs.addAll(s.network().getLayerWiseConfigurations().getConfs());
        } else {
            ((Dl4jGraphRuntime) rt).network().getConfiguration().getVertices().values().stream()
                    .filter(v -> v instanceof LayerVertex).forEach(v -> confs.add(((LayerVertex) v).getLayerConf()));
        }
        List<String> zero = new ArrayList<>();
        for (NeuralNetConfiguration c : confs) {
            if (c.getLayer() instanceof FeedForwardLayer f && f.getNOut() <= 0) {
                zero.add(c.getLayer().getLayerName() + " nOut=" + f.getNOut());
            }
            if (c.getLayer() instanceof LossLayer l) {
                lossWidths.add(l.getNOut());
            }
        }
        return zero;
    }

    @Test
    void sequentialDenseAndConvModelsHaveNoZeroSizedLayer() throws Exception {
        Sequential mlp = new Sequential(new Input(28, 28), new Flatten(), new Dense(16, "relu"), new Dense(10, "softmax"));
        mlp.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        List<Long> widths = new ArrayList<>();
        assertEquals(List.of(), zeroWidths(mlp, widths));
        assertEquals(List.of(10L), widths);

        Sequential cnn = new Sequential(new Input(8, 8, 1), new Conv2D(4, 3, 3), new Flatten(), new Dense(3, "softmax"));
        cnn.compile("adam", "sparse_categorical_crossentropy");
        widths.clear();
        assertEquals(List.of(), zeroWidths(cnn, widths));
        assertEquals(List.of(3L), widths);

        Sequential seq = new Sequential(new Input(14, 4), new LSTM(8).returnSequences(true),
                new TimeDistributed(new Dense(2)));
        seq.compile("rmsprop", "mse");
        widths.clear();
        assertEquals(List.of(), zeroWidths(seq, widths));
        assertEquals(List.of(2L), widths, "a sequence output reaches the loss one row of 2 per step");
    }

    @Test
    void functionalModelsHaveNoZeroSizedLayer() throws Exception {
        Input in = new Input(14, 4);
        KerasTensor x = new LSTM(8).apply(in);
        Model m = new Model(in, new Dense(1).apply(x));
        m.compile("rmsprop", "mse", "mae");
        List<Long> widths = new ArrayList<>();
        assertEquals(List.of(), zeroWidths(m, widths));
        assertEquals(List.of(1L), widths);
        assertTrue(m.predict(org.nd4j.linalg.factory.Nd4j.zeros(2, 14, 4)).shape()[1] == 1);
    }
}
