package dev.kerasj.callbacks;

import dev.kerasj.layers.Layer;
import dev.kerasj.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the monitoring callbacks share: mode checks, reading the monitored value, warnings, weight snapshots. */
final class Monitors {
    static final Set<String> MODES = Set.of("auto", "min", "max");

    private Monitors() {
    }

    static String checkMode(String callback, String mode) {
        if (mode == null || !MODES.contains(mode)) {
            throw new IllegalArgumentException("Invalid `mode` for " + callback + ": expected \"auto\", \"min\" or \"max\". "
                    + "Received: mode=" + mode);
        }
        return mode;
    }

    static String checkMonitor(String monitor) {
        if (monitor == null || monitor.isEmpty()) {
            throw new IllegalArgumentException("Invalid `monitor`: expected a metric name such as \"val_loss\". Received: "
                    + "monitor=" + monitor);
        }
        return monitor;
    }

    /** ReduceLROnPlateau's and ModelCheckpoint's "auto": maximise when the name contains "acc" (or starts with "fmeasure"). */
    static boolean maximizeByName(String mode, String monitor) {
        if (!"auto".equals(mode)) {
            return "max".equals(mode);
        }
        return monitor.contains("acc") || monitor.startsWith("fmeasure");
    }

    /**
     * EarlyStopping's "auto": the loss is minimised; a compiled metric by its direction (accuracies up,
     * errors down); any other name cannot be decided, as in Keras.
     */
    static boolean maximizeByMetric(String mode, String monitor, TrainingContext model) {
        if (!"auto".equals(mode)) {
            return "max".equals(mode);
        }
        String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        if ("loss".equals(name)) {
            return false;
        }
        if (model != null) {
            for (Metric m : model.metrics()) {
                if (m.name().equals(name)) {
                    return m.name().contains("acc") || m.className().contains("Accuracy");
                }
            }
        }
        throw new IllegalArgumentException("EarlyStopping callback received monitor=" + monitor + " but kerasj isn't able "
                + "to automatically determine whether that metric should be maximized or minimized. Pass `mode(\"max\")` in "
                + "order to do early stopping based on the highest metric value, or pass `mode(\"min\")` in order to use the "
                + "lowest value.");
    }

    /** The monitored value, or null after a warning listing the available names. */
    static Double value(Map<String, Double> logs, String monitor, String what) {
        Double v = logs == null ? null : logs.get(monitor);
        if (v == null) {
            warn(what + " conditioned on metric `" + monitor + "` which is not available. Available metrics are: "
                    + String.join(",", logs == null ? List.of() : logs.keySet()));
        }
        return v;
    }

    static void warn(String message) {
        System.err.println("WARNING: " + message);
    }

    /** Copies of every layer's weights, in layer order. */
    static List<List<INDArray>> weights(TrainingContext model) {
        List<List<INDArray>> all = new ArrayList<>();
        for (Layer l : model.layers()) {
            all.add(l.getWeights());
        }
        return all;
    }

    static void setWeights(TrainingContext model, List<List<INDArray>> weights) {
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (!weights.get(i).isEmpty()) {
                layers.get(i).setWeights(weights.get(i).toArray(new INDArray[0]));
            }
        }
    }
}
