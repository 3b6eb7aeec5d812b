package dev.kerasj.layers;

import dev.kerasj.activations.Activations;
import dev.kerasj.initializers.GlorotUniform;
import dev.kerasj.initializers.Initializer;
import dev.kerasj.initializers.Initializers;
import dev.kerasj.initializers.Zeros;
import dev.kerasj.internal.Checks;
import dev.kerasj.regularizers.Regularizer;
import dev.kerasj.regularizers.Regularizers;

/**
 * The options every layer with a kernel and a bias shares (Dense, convolutions, recurrent layers),
 * with Keras's names and defaults: activation (given by the subclass: {@code "linear"}, or
 * {@code "tanh"} for recurrent layers), use_bias true, kernel_initializer {@code "glorot_uniform"},
 * bias_initializer {@code "zeros"}, no kernel or bias regularizer.
 *
 * <pre>{@code
 * new Dense(64).activation("relu").kernelInitializer("he_normal").kernelRegularizer(new L2(1e-4))
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class KernelLayer<T extends KernelLayer<T>> extends BaseLayer<T> {
    private String activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = new Zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;

    protected KernelLayer(String defaultActivation) {
        this.activation = defaultActivation;
    }

    public String activation() {
        return activation;
    }

    public boolean useBias() {
        return useBias;
    }

    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    /** The activation's Keras name. */
    public T activation(String name) {
        checkConfigurable("activation");
        this.activation = Activations.canonical(name);
        return self();
    }

    /** Whether to add a bias (default true). */
    public T useBias(boolean useBias) {
        checkConfigurable("use_bias");
        this.useBias = useBias;
        return self();
    }

    public T kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** How the kernel starts (default {@code "glorot_uniform"}, Keras's fans for the kernel's shape). */
    public T kernelInitializer(Initializer init) {
        checkConfigurable("kernel_initializer");
        this.kernelInitializer = Checks.notNull("kernel_initializer", init);
        return self();
    }

    public T biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /** How the bias starts (default {@code "zeros"}). */
    public T biasInitializer(Initializer init) {
        checkConfigurable("bias_initializer");
        this.biasInitializer = Checks.notNull("bias_initializer", init);
        return self();
    }

    public T kernelRegularizer(String name) {
        return kernelRegularizer(Regularizers.get(name));
    }

    /** The kernel's penalty ({@code null} for none, the default). */
    public T kernelRegularizer(Regularizer r) {
        checkConfigurable("kernel_regularizer");
        this.kernelRegularizer = r;
        return self();
    }

    public T biasRegularizer(String name) {
        return biasRegularizer(Regularizers.get(name));
    }

    /** The bias's penalty ({@code null} for none, the default). */
    public T biasRegularizer(Regularizer r) {
        checkConfigurable("bias_regularizer");
        this.biasRegularizer = r;
        return self();
    }
}
