package dev.kerasj.models;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The arrays a recipe trains and tests on, already prepared for its model (scaled, flattened or
 * windowed), plus reference figures to print next to the model's (e.g. the common-sense
 * {@code baseline_mae} of a forecast).
 *
 * <pre>{@code
 * RecipeData d = recipe.loadData(locator, variant);
 * model.fit(d.xTrain(), d.yTrain(), 10, 128);
 * }</pre>
 *
 * @param xTrain training inputs
 * @param yTrain training targets
 * @param xVal validation inputs, or {@code null} when the recipe has no separate validation split
 * @param yVal validation targets, or {@code null}
 * @param xTest test inputs
 * @param yTest test targets
 * @param references name → value of figures that do not depend on the model, in print order
 * @param labelScale the size of one label unit in the units the recipe reports: a recipe that trains on
 *     standardised targets {@code (y − mean) / std} sets {@code std}, so that an error on the labels times
 *     {@code labelScale} is the error in the data's own unit (°C); 1 when the labels are raw
 */
public record RecipeData(INDArray xTrain, INDArray yTrain, INDArray xVal, INDArray yVal, INDArray xTest, INDArray yTest,
                         Map<String, Double> references, double labelScale) {
    public RecipeData {
        references = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(references));
        if (!(labelScale > 0) || !Double.isFinite(labelScale)) {
            throw new IllegalArgumentException("Invalid `label_scale`: expected a finite number above 0. Received: "
                    + "label_scale=" + labelScale);
        }
    }

    /** Raw labels ({@code labelScale} 1). */
    public RecipeData(INDArray xTrain, INDArray yTrain, INDArray xVal, INDArray yVal, INDArray xTest, INDArray yTest,
            Map<String, Double> references) {
        this(xTrain, yTrain, xVal, yVal, xTest, yTest, references, 1);
    }

    /** Training and test arrays only. */
    public static RecipeData of(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest) {
        return new RecipeData(xTrain, yTrain, null, null, xTest, yTest, Map.of());
    }

    /** Whether the recipe supplies its own validation split. */
    public boolean hasValidation() {
        return xVal != null;
    }
}
