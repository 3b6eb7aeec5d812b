package dev.kerasj.initializers;

/** All ones (Keras's {@code "ones"}). {@code new Ones()} */
public final class Ones extends Constant {
    public Ones() {
        super(1.0);
    }
}
