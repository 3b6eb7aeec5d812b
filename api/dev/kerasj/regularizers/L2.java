package dev.kerasj.regularizers;

/** L2 penalty {@code l2 · Σw²} (Keras scale); Keras default l2 = 0.01. {@code new L2(1e-4)} */
public final class L2 extends Regularizer {
    public L2() {
        this(0.01);
    }

    public L2(double l2) {
        super(0.0, l2);
    }
}
