package dev.kerasj.regularizers;

/**
 * Both penalties, {@code l1 · Σ|w| + l2 · Σw²}; Keras defaults l1 = 0.0, l2 = 0.0 (the string
 * {@code "l1_l2"} gives l1 = l2 = 0.01, as {@code keras.regularizers.l1_l2()}).
 * {@code new L1L2(1e-5, 1e-4)}
 */
public final class L1L2 extends Regularizer {
    public L1L2() {
        this(0.0, 0.0);
    }

    public L1L2(double l1, double l2) {
        super(l1, l2);
    }
}
