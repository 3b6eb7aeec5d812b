package dev.kerasj.internal.keras;

/**
 * Something in a Keras file kerasj cannot load; the message is the reason, one clause without the file name
 * (the caller adds it, e.g. "Cannot load model file m.h5: layer 'lambda_1' is a Lambda layer…").
 */
public final class KerasFileException extends Exception {
    public KerasFileException(String why) {
        super(why);
    }
}
