package dev.kerasj.regularizers;

/** L1 penalty {@code l1 · Σ|w|}; Keras default l1 = 0.01. {@code new L1(1e-4)} */
public final class L1 extends Regularizer {
    public L1() {
        this(0.01);
    }

    public L1(double l1) {
        super(l1, 0.0);
    }
}
