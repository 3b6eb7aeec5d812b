package dev.kerasj.internal.dl4j.layers;

/**
 * A runtime layer that may skip its input gradient during training (no layer below it has weights, so
 * nobody reads it). Explanations need that gradient: they switch it on for one pass and restore it.
 */
public interface InputGradientSwitch {
    /** Whether {@code backpropGradient} computes the gradient with respect to the layer's input. */
    boolean inputGradient();

    /** Turns the input gradient on or off for the following backward passes. */
    void inputGradient(boolean on);
}
