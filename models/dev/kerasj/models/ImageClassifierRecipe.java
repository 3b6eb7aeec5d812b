package dev.kerasj.models;

import dev.kerasj.datasets.DatasetLocator;
import dev.kerasj.datasets.FashionMnist;
import dev.kerasj.datasets.Mnist;
import dev.kerasj.datasets.TrainTestData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * What the MNIST and Fashion-MNIST recipes share: the {@code dataset} option ({@code mnist} or
 * {@code fashion-mnist}), pixels scaled to [0, 1] and reshaped to the model's input shape, integer labels,
 * {@code sparse_categorical_crossentropy} with {@code accuracy}.
 */
public abstract class ImageClassifierRecipe extends Recipe {
    /** The datasets these recipes train on. */
    public static final List<String> DATASETS = List.of(Mnist.NAME, FashionMnist.NAME);

    protected ImageClassifierRecipe(String name, String description, String dataset, RecipeOption... more) {
        super(name, description, options(dataset, more));
    }

    private static RecipeOption[] options(String dataset, RecipeOption... more) {
        RecipeOption[] all = new RecipeOption[more.length + 1];
        all[0] = RecipeOption.choice("dataset", "The images: handwritten digits or Zalando's clothes.", dataset,
                DATASETS.toArray(new String[0]));
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    /** The model's input shape without the batch axis, e.g. {@code {784}} or {@code {28, 28, 1}}. */
    protected abstract long[] inputShape(Variant variant);

    @Override
    public String loss() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public List<String> metrics() {
        return List.of("accuracy");
    }

    @Override
    public RecipeData loadData(DatasetLocator locator, Variant variant) {
        TrainTestData d = variant.get("dataset").equals(Mnist.NAME) ? Mnist.loadData(locator)
                : FashionMnist.loadData(locator);
        long[] shape = inputShape(variant);
        return RecipeData.of(pixels(d.xTrain(), shape), labels(d.yTrain()), pixels(d.xTest(), shape), labels(d.yTest()));
    }

    /** uint8 images (n, 28, 28) → FLOAT in [0, 1], reshaped to (n, …shape). */
    static INDArray pixels(INDArray images, long[] shape) {
        long[] target = new long[shape.length + 1];
        target[0] = images.size(0);
        System.arraycopy(shape, 0, target, 1, shape.length);
        return images.castTo(DataType.FLOAT).divi(255.0).reshape('c', target);
    }

    /** uint8 labels (n,) → FLOAT class indices (n,). */
    static INDArray labels(INDArray labels) {
        return labels.castTo(DataType.FLOAT);
    }
}
