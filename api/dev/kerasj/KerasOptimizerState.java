package dev.kerasj;

import dev.kerasj.internal.keras.Hdf5;
import dev.kerasj.internal.keras.KerasFileException;
import dev.kerasj.internal.keras.WeightArray;
import dev.kerasj.internal.runtime.NetworkRuntime;
import dev.kerasj.layers.Layer;
import dev.kerasj.layers.WeightSpec;
import dev.kerasj.optimizers.Optimizer;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimizer's state in Keras 3's {@code optimizer/vars}: {@code 0} the step count ({@code iterations}, int64),
 * {@code 1} the learning rate (absent under a schedule), then the slot variables. Keras creates them in groups
 * ({@code add_optimizer_variables}): within a group, for each trainable variable in the model's order, one per
 * name — Adam's {@code [momentum, velocity]} interleaved, then AMSGrad's {@code velocity_hat} as its own group;
 * RMSprop's {@code velocity}, then {@code momentum} (momentum > 0), then {@code average_gradient} (centered); SGD's
 * {@code momentum} (momentum > 0). Other optimizers' slots are not mapped: their state is neither written nor read
 * (Keras skips a mismatched optimizer state with a warning, as kerasj does).
 */
final class KerasOptimizerState {
    private static final System.Logger LOG = System.getLogger(KerasOptimizerState.class.getName());

    private KerasOptimizerState() {
    }

    /** kerasj slot numbers in Keras's variable groups, or null when this optimizer's layout is not mapped. */
    static List<int[]> groups(Optimizer optimizer) {
        Map<String, Object> c = optimizer.getConfig();
        List<int[]> g = new ArrayList<>();
        switch (optimizer.className()) {
            case "Adam" -> {
                g.add(new int[] {0, 1});
                if (Boolean.TRUE.equals(c.get("amsgrad"))) {
                    g.add(new int[] {2});
                }
            }
            case "SGD" -> {
                if (c.get("momentum") instanceof Number m && m.doubleValue() != 0) {
                    g.add(new int[] {0});
                }
            }
            case "RMSprop" -> {
                g.add(new int[] {0});
                if (c.get("momentum") instanceof Number m && m.doubleValue() > 0) {
                    g.add(new int[] {1});
                }
                if (Boolean.TRUE.equals(c.get("centered"))) {
                    g.add(new int[] {2});
                }
            }
            default -> {
                return null;
            }
        }
        return g;
    }

    /** A trainable variable: a layer and the index of one of its trainable weights. */
    private record Variable(Layer layer, int index) {
    }

    /** Keras's {@code model.trainable_variables}: layer by layer, each trainable weight of a trainable layer. */
    private static List<Variable> variables(Model model) {
        List<Variable> out = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (!l.trainable()) {
                continue;
            }
            List<WeightSpec> specs = l.weightSpecs();
            for (int k = 0; k < specs.size(); k++) {
                if (specs.get(k).trainable()) {
                    out.add(new Variable(l, k));
                }
            }
        }
        return out;
    }

    /**
     * The values of {@code optimizer/vars} for a compiled model ({@link Long} iterations, {@link Float} learning
     * rate, then {@link WeightArray}s), or null when its optimizer's layout is not mapped.
     */
    static List<Object> variables(Model model, NetworkRuntime runtime) {
        List<int[]> groups = groups(model.optimizer());
        if (groups == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        out.add(runtime.iterations());
        if (model.optimizer().learningRateSchedule() == null) {
            out.add((float) runtime.learningRate());
        }
        Map<Integer, Map<Layer, List<INDArray>>> slots = new LinkedHashMap<>();
        for (int[] g : groups) {
            for (int s : g) {
                slots.put(s, runtime.optimizerSlot(s));
            }
        }
        for (int[] g : groups) {
            for (Variable v : variables(model)) {
                for (int s : g) {
                    INDArray a = slots.get(s).get(v.layer()).get(v.index()).castTo(DataType.FLOAT).dup('c');
                    out.add(new WeightArray(v.layer().name(), a.shape(), a.data().asFloat()));
                }
            }
        }
        return out;
    }

    /**
     * Restores the state Keras stored under {@code optimizer/vars} into a compiled model: the step count and each
     * slot, every array checked against its weight's shape. A state of another optimizer or layout is skipped
     * with a warning, as Keras does.
     */
    static void restore(Model model, Group weightsFile) throws KerasFileException {
        Node node = Hdf5.child(weightsFile, "optimizer/vars");
        if (!(node instanceof Group vars) || !model.isCompiled()) {
            return;
        }
        int count = 0;
        while (Hdf5.child(vars, String.valueOf(count)) instanceof Dataset) {
            count++;
        }
        List<int[]> groups = groups(model.optimizer());
        List<Variable> variables = variables(model);
        int base = model.optimizer().learningRateSchedule() == null ? 2 : 1;
        int slotCount = groups == null ? -1 : groups.stream().mapToInt(g -> g.length).sum();
        if (groups == null || count != base + slotCount * variables.size()) {
            LOG.log(System.Logger.Level.WARNING, "Skipping the optimizer state of the file: it holds " + count
                    + " variables, but this model's " + model.optimizer().className() + " keeps "
                    + (groups == null ? "a layout kerasj does not map" : String.valueOf(base + slotCount * variables.size()))
                    + "; the optimizer starts afresh.");
            return;
        }
        long iterations = iterations((Dataset) Hdf5.child(vars, "0"));
        NetworkRuntime rt = model.runtime();
        Map<Integer, Map<Layer, List<INDArray>>> slots = new LinkedHashMap<>();
        int index = base;
        for (int[] g : groups) {
            for (Variable v : variables) {
                for (int s : g) {
                    WeightSpec spec = v.layer().weightSpecs().get(v.index());
                    String where = "optimizer/vars/" + index;
                    WeightArray a = Hdf5.read((Dataset) Hdf5.child(vars, String.valueOf(index)), where, spec.size());
                    if (!java.util.Arrays.equals(a.shape(), spec.shape())) {
                        throw new KerasFileException("optimizer variable " + where + " has shape " + a.shapeText()
                                + ", but it belongs to weight '" + spec.name() + "' of layer '" + v.layer().name()
                                + "' of shape " + dev.kerasj.internal.Shapes.tuple(spec.shape()));
                    }
                    Map<Layer, List<INDArray>> slot = slots.computeIfAbsent(s, k -> new LinkedHashMap<>());
                    List<INDArray> arrays = slot.computeIfAbsent(v.layer(), l -> zerosLike(l.weightSpecs()));
                    arrays.set(v.index(), a.toINDArray());
                    index++;
                }
            }
        }
        for (Map.Entry<Integer, Map<Layer, List<INDArray>>> e : slots.entrySet()) {
            rt.setOptimizerSlot(e.getKey(), e.getValue());
        }
        rt.setIterations(iterations);
    }

    private static List<INDArray> zerosLike(List<WeightSpec> specs) {
        List<INDArray> out = new ArrayList<>();
        for (WeightSpec s : specs) {
            out.add(Nd4j.zeros(DataType.FLOAT, s.shape()));
        }
        return out;
    }

    private static long iterations(Dataset d) throws KerasFileException {
        try {
            Object v = d.getData();
            if (v != null && v.getClass().isArray()) {
                v = Array.getLength(v) == 1 ? Array.get(v, 0) : null;
            }
            if (!(v instanceof Number n) || n.longValue() < 0) {
                throw new KerasFileException("optimizer/vars/0 (iterations) is not a count: " + v);
            }
            return n.longValue();
        } catch (RuntimeException e) {
            throw new KerasFileException("optimizer/vars/0 (iterations) cannot be read (" + e.getMessage() + ")");
        }
    }
}
