package dev.kerasj.internal.dl4j;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import java.util.Map;
import java.util.function.Supplier;

/** Keras activation name → the DL4J/ND4J activation computing Keras's formula. */
public final class Dl4jActivations {
    private static final Map<String, Supplier<IActivation>> MAP = Map.of(
            "linear", ActivationIdentity::new,
            "relu", ActivationReLU::new,
            "sigmoid", ActivationSigmoid::new,
            "softmax", ActivationSoftmax::new,
            "tanh", ActivationTanH::new,
            "softplus", ActivationSoftPlus::new,
            "softsign", ActivationSoftSign::new,
            "selu", ActivationSELU::new,
            "elu", () -> new ActivationELU(1.0));

    private Dl4jActivations() {
    }

    public static IActivation of(String kerasName) {
        Supplier<IActivation> s = MAP.get(dev.kerasj.activations.Activations.canonical(kerasName));
        if (s == null) {
            throw new IllegalStateException("No DL4J translation for activation '" + kerasName + "'.");
        }
        return s.get();
    }
}
