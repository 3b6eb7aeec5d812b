/**
 * Why a model predicts what it predicts: SHAP values for any model or batched function
 * ({@link dev.kerasj.explain.KernelExplainer}, {@link dev.kerasj.explain.ExactExplainer},
 * {@link dev.kerasj.explain.PermutationExplainer}, sharing {@link dev.kerasj.explain.ShapExplainer}), gradient
 * explanations computed with the network's own backward pass ({@link dev.kerasj.explain.Saliency},
 * {@link dev.kerasj.explain.IntegratedGradients}, {@link dev.kerasj.explain.GradCam}), and their pictures as PNG
 * values ({@link dev.kerasj.explain.ShapPlots}: summary, bar and waterfall plots as the {@code shap} package draws
 * them; {@link dev.kerasj.explain.Heatmaps}: heat maps over images). See {@code docs/explanations.md}.
 *
 * <pre>{@code
 * KernelExplainer explainer = new KernelExplainer(model, background);
 * INDArray phi = explainer.shapValues(x);                       // expectedValue() + Σφ = f(x), row by row
 * display(ShapPlots.summary(phi, x, names).image());
 * display(Heatmaps.overlay(image, new GradCam(cnn).heatmap(image.reshape(1, 28, 28, 1)).get(point(0))).image());
 * }</pre>
 */
package dev.kerasj.explain;
