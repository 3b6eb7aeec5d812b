package dev.kerasj.internal.dl4j;

import dev.kerasj.optimizers.Adam;
import dev.kerasj.optimizers.Optimizer;
import dev.kerasj.optimizers.RMSprop;
import dev.kerasj.optimizers.SGD;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** A kerasj optimizer → the DL4J updater applying Keras's update rule, every hyperparameter explicit. */
public final class Dl4jOptimizers {
    private Dl4jOptimizers() {
    }

    public static IUpdater toUpdater(Optimizer optimizer) {
        if (optimizer instanceof SGD sgd) {
            if (sgd.momentum() == 0.0) {
                return new Sgd(sgd.learningRate());
            }
            if (sgd.nesterov()) {
                return new Nesterovs(sgd.learningRate(), sgd.momentum());
            }
            throw new IllegalArgumentException("SGD with momentum and nesterov=false has no DL4J translation yet.");
        }
        if (optimizer instanceof RMSprop r) {
            return new RmsProp(r.learningRate(), r.rho(), r.epsilon());
        }
        if (optimizer instanceof Adam a) {
            return new org.nd4j.linalg.learning.config.Adam(a.learningRate(), a.beta1(), a.beta2(), a.epsilon());
        }
        throw new IllegalArgumentException("No DL4J translation for optimizer " + optimizer.className() + ".");
    }
}
