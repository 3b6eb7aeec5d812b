package dev.kerasj.initializers;

/** All zeros (Keras's {@code "zeros"}); the default bias initializer. {@code new Zeros()} */
public final class Zeros extends Constant {
    public Zeros() {
        super(0.0);
    }
}
