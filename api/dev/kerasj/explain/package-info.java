/**
 * Why a model predicts what it predicts: SHAP values for any model, and gradient-based explanations for
 * deep ones, with the plots people know.
 *
 * <ul>
 *   <li>{@link dev.kerasj.explain.KernelExplainer} (KernelSHAP, Lundberg &amp; Lee 2017),
 *       {@link dev.kerasj.explain.ExactExplainer} (every coalition) and
 *       {@link dev.kerasj.explain.PermutationExplainer} (antithetic permutation sampling): Shapley values of
 *       each feature against a background data set, {@code expectedValue() + Σφ = f(x)};</li>
 *   <li>{@link dev.kerasj.explain.Saliency} ({@code |∂y/∂x|}), {@link dev.kerasj.explain.IntegratedGradients}
 *       (Sundararajan et al. 2017) and {@link dev.kerasj.explain.GradCam} (Selvaraju et al. 2017), from the
 *       network's own backward pass in inference mode (no finite differences).</li>
 * </ul>
 *
 * <pre>{@code
 * KernelExplainer explainer = new KernelExplainer(model, background);  // background (m, features)
 * INDArray phi = explainer.shapValues(x);                              // (n, features)
 * double base = explainer.expectedValue();                             // mean model output over the background
 * }</pre>
 */
package dev.kerasj.explain;
