package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.layers.Layer;
import dev.kerasj.regularizers.Regularizer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Settings every translated layer shares, written explicitly rather than inherited from DL4J defaults. */
public final class Common {
    private Common() {
    }

    /**
     * Name, no input dropout, no weight noise, no gradient normalisation, frozen → no-op updater, and
     * the regularizers at Keras's scale (Keras l2(λ) adds λΣw²; DL4J's L2(c) adds ½cΣw², so c = 2λ).
     * The weight initialisation is DL4J's only until kerasj writes the Keras initializer's values.
     */
    public static <B extends BaseLayer.Builder<B>> B apply(B builder, Layer layer, Regularizer kernel, Regularizer bias) {
        builder.name(layer.name());
        builder.dropOut(null);
        builder.weightNoise(null);
        builder.gradientNormalization(GradientNormalization.None);
        builder.weightInit(WeightInit.XAVIER_UNIFORM);
        builder.biasInit(0.0);
        builder.regularization(regularizations(kernel));
        builder.regularizationBias(regularizations(bias));
        if (!layer.trainable()) {
            builder.updater(new NoOp());
            builder.biasUpdater(new NoOp());
        }
        return builder;
    }

    public static List<Regularization> regularizations(Regularizer r) {
        List<Regularization> out = new ArrayList<>();
        if (r != null) {
            if (r.l1() != 0) {
                out.add(new L1Regularization(r.l1()));
            }
            if (r.l2() != 0) {
                out.add(new L2Regularization(2.0 * r.l2()));
            }
        }
        return out;
    }

    /**
     * Copies every instance field a DL4J configuration {@code from} declares in {@code type} and its
     * superclasses into {@code to} (a kerasj subclass of {@code type}), and returns {@code to}.
     */
    static <S> S copyFields(Object from, S to, Class<?> type) {
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    field.set(to, field.get(from));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot copy DL4J's " + type.getSimpleName() + " field " + field.getName(), e);
                }
            }
        }
        return to;
    }

    /**
     * The runtime layer {@code layer} set up as DL4J's own configurations do in {@code instantiate}:
     * listeners, index, parameter view, the parameter table from {@code init}, and the configuration.
     */
    static org.deeplearning4j.nn.api.Layer instantiated(org.deeplearning4j.nn.api.Layer layer,
            org.deeplearning4j.nn.api.ParamInitializer init, org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners, int index,
            org.nd4j.linalg.api.ndarray.INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(init.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** Whether kerasj's Java kernels may run ({@link dev.kerasj.internal.FastPaths}: CPU backend, not switched off). */
    static boolean fastPaths() {
        return dev.kerasj.internal.FastPaths.enabled();
    }

    /**
     * An element-wise layer: DL4J's {@code ActivationLayer} named {@code name} applying {@code fn}, passing masks
     * through ({@link MaskAwareLayers.Activation}).
     */
    static org.deeplearning4j.nn.conf.layers.Layer activationLayer(String name, org.nd4j.linalg.activations.IActivation fn) {
        return MaskAwareLayers.Activation.of(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().name(name)
                .activation(fn).build());
    }
}
