package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.dl4j.activations.ExactGelu;
import dev.kerasj.internal.dl4j.activations.ExponentialActivation;
import dev.kerasj.internal.dl4j.activations.KerasHardSigmoid;
import dev.kerasj.internal.dl4j.activations.LogSoftmax;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Keras activation name → the DL4J/ND4J activation computing Keras's formula. DL4J's own class is used
 * where a test shows it computes Keras's values and derivatives; kerasj's own where DL4J lacks the
 * function (exponential, log_softmax) or computes another one (hard_sigmoid: DL4J's is Keras 2's
 * 0.2x + 0.5; gelu: DL4J's are approximations, Keras's default is the exact erf form).
 */
public final class Dl4jActivations {
    private static final Map<String, Supplier<IActivation>> MAP = Map.ofEntries(
            Map.entry("linear", ActivationIdentity::new),
            Map.entry("relu", ActivationReLU::new),
            Map.entry("sigmoid", ActivationSigmoid::new),
            Map.entry("softmax", ActivationSoftmax::new),
            Map.entry("tanh", ActivationTanH::new),
            Map.entry("softplus", ActivationSoftPlus::new),
            Map.entry("softsign", ActivationSoftSign::new),
            Map.entry("selu", ActivationSELU::new),
            Map.entry("elu", () -> new ActivationELU(1.0)),
            Map.entry("exponential", ExponentialActivation::new),
            Map.entry("leaky_relu", () -> new ActivationLReLU(0.2)),
            Map.entry("relu6", ActivationReLU6::new),
            Map.entry("gelu", ExactGelu::new),
            Map.entry("silu", ActivationSwish::new),
            Map.entry("hard_sigmoid", KerasHardSigmoid::new),
            Map.entry("keras2_hard_sigmoid", org.nd4j.linalg.activations.impl.ActivationHardSigmoid::new), // 0.2x + 0.5
            Map.entry("mish", ActivationMish::new),
            Map.entry("log_softmax", LogSoftmax::new));

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
