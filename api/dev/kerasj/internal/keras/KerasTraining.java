package dev.kerasj.internal.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's training configuration as kerasj's {@code compile_config} (Keras 3's): Keras 1/2's
 * {@code training_config} attribute ({@code optimizer_config}, {@code lr}, {@code loss}, {@code metrics}; Keras 2's
 * time-based {@code decay}, {@code lr / (1 + decay·t)}, as the identical {@code InverseTimeDecay(lr, 1, decay)}) and
 * Keras 3's {@code compile_config} with its {@code module}/{@code registered_name} wrappers removed.
 */
public final class KerasTraining {
    private KerasTraining() {
    }

    /** Keras 1/2's {@code training_config}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fromKeras2(Map<String, Object> training) throws KerasFileException {
        Map<String, Object> opt = KerasConfigs.map(training.get("optimizer_config"), "training_config.optimizer_config");
        Map<String, Object> config = new LinkedHashMap<>(opt.get("config") instanceof Map<?, ?> c
                ? (Map<String, Object>) c : Map.of());
        String cls = KerasConfigs.string(opt.get("class_name"), "the optimizer's class_name");
        if (cls.startsWith("Custom>")) {
            cls = cls.substring("Custom>".length());
        }
        if (config.containsKey("lr") && !config.containsKey("learning_rate")) {
            config.put("learning_rate", config.remove("lr"));
        }
        if (config.get("decay") instanceof Number d && d.doubleValue() != 0) {
            // Keras 2: lr_t = lr / (1 + decay · iterations), which is Keras 3's InverseTimeDecay(lr, 1, decay)
            if (!(config.get("learning_rate") instanceof Number lr)) {
                throw new KerasFileException("its optimizer has `decay` but no learning rate");
            }
            Map<String, Object> schedule = new LinkedHashMap<>();
            schedule.put("initial_learning_rate", lr);
            schedule.put("decay_steps", 1);
            schedule.put("decay_rate", d);
            schedule.put("staircase", false);
            config.put("learning_rate", Map.of("class_name", "InverseTimeDecay", "config", schedule));
        }
        config.remove("decay");
        if (config.containsKey("epsilon") && config.get("epsilon") == null) {
            config.put("epsilon", 1e-7); // Keras 2: None means K.epsilon()
        }
        for (String legacy : List.of("is_legacy_optimizer", "jit_compile")) {
            config.remove(legacy);
        }
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("class_name", cls);
        optimizer.put("config", config);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("optimizer", optimizer);
        Object loss = training.get("loss");
        if (loss instanceof Map<?, ?> m && !m.containsKey("class_name")) {
            throw new KerasFileException("its loss is given per output name (" + m.keySet() + "), which kerasj does not "
                    + "read from Keras 2 files");
        }
        out.put("loss", KerasConfigs.normalize(loss));
        if (training.get("loss_weights") instanceof List<?> w) {
            out.put("loss_weights", w);
        } else if (training.get("loss_weights") != null) {
            throw new KerasFileException("its loss_weights are given per output name, which kerasj does not read from "
                    + "Keras 2 files");
        }
        out.put("metrics", metrics(training.get("metrics")));
        return out;
    }

    /** Keras 3's {@code compile_config}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fromKeras3(Map<?, ?> compile) throws KerasFileException {
        Map<String, Object> c = (Map<String, Object>) KerasConfigs.normalize(compile);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("optimizer", c.get("optimizer"));
        out.put("loss", c.get("loss"));
        if (c.get("loss_weights") != null) {
            out.put("loss_weights", c.get("loss_weights"));
        }
        out.put("metrics", metrics(c.get("metrics")));
        return out;
    }

    /** A flat list of metric names/configs; Keras's per-output nesting of one output is unwrapped. */
    private static List<Object> metrics(Object raw) throws KerasFileException {
        List<Object> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof List<?> list)) {
            throw new KerasFileException("its metrics are given per output name, which kerasj does not read");
        }
        for (Object m : list) {
            if (m instanceof List<?> inner) {
                out.addAll(inner);
            } else if (m != null) {
                out.add(m);
            }
        }
        return out;
    }
}
