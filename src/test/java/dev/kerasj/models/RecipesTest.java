package dev.kerasj.models;

import dev.kerasj.Model;
import dev.kerasj.datasets.DatasetLocator;
import dev.kerasj.optimizers.RMSprop;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipesTest {
    @Test
    void unknownRecipeListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recipes.get("mnist-rnn"));
        assertTrue(e.getMessage().contains("Unknown recipe: 'mnist-rnn'. Known recipes are: mnist-mlp"), e.getMessage());
    }

    @Test
    void learningRateOverridesOnlyTheLearningRate() {
        RMSprop opt = (RMSprop) new Hyperparameters(10, 128, "rmsprop").learningRate(0.01).createOptimizer();
        assertEquals(0.01, opt.learningRate());
        assertEquals(0.9, opt.rho(), "Keras's rho stays");
        assertEquals(1e-7, opt.epsilon());
        assertEquals(0.001, new Hyperparameters(10, 128, "rmsprop").learningRate(), "Keras's RMSprop default");
        assertEquals(0.01, new Hyperparameters(10, 128, "sgd").learningRate(), "Keras's SGD default");
    }

    @Test
    void badHyperparametersFailWithKerasMessages() {
        Hyperparameters h = new Hyperparameters(1, 1, "adam");
        assertThrows(IllegalArgumentException.class, () -> h.epochs(0));
        assertThrows(IllegalArgumentException.class, () -> h.validationSplit(1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.optimizer("adamax9"));
        assertTrue(e.getMessage().contains("rmsprop"), e.getMessage());
    }

    @Test
    void modelNamesEncodeTheVariantAndParseBack() {
        Recipe cnn = Recipes.get("fashion-mnist-cnn");
        Variant deeper = cnn.defaultVariant().with("deeper", "true");
        assertEquals("fashion-mnist-cnn[deeper=true]", cnn.modelName(deeper));
        assertEquals(deeper, Recipes.forModelName("fashion-mnist-cnn[deeper=true]"));
        assertEquals("mnist-cnn", Recipes.forModelName("mnist-cnn").recipe().name());
        assertEquals("fashion-mnist-mlp", Recipes.forModelName("fashion-mnist-mlp").recipe().name());
        Variant other = Recipes.forModelName("mnist-mlp[dataset=fashion-mnist]");
        assertEquals("fashion-mnist", other.get("dataset"));
        assertNull(Recipes.forModelName("sequential"));
        assertNull(Recipes.forModelName("mnist-mlp[dataset=cifar]"));
    }

    @Test
    void everyRecipeBuildsForItsData() {
        for (Recipe r : Recipes.all()) {
            for (Variant v : r.allVariants()) {
                Model m = r.compiled(v, r.defaults(v));
                assertTrue(m.countParams() > 0, r.name());
                long outputs = r instanceof TemperatureLstm ? 1 : 10;   // one temperature, or ten classes
                assertEquals(List.of(outputs), List.of(m.outputShape()[0]), r.name());
            }
        }
    }

    @Test
    void allVariantsEnumeratesEveryCombination() {
        // mnist-cnn: dataset {mnist, fashion-mnist} × deeper {false, true}
        assertEquals(4, Recipes.get("mnist-cnn").allVariants().size());
        assertEquals(Recipes.get("mnist-cnn").defaultVariant(), Recipes.get("mnist-cnn").allVariants().get(0));
    }

    @Test
    void imageDataIsScaledToTheUnitInterval() {
        // 0 → 0, 255 → 1, 51 → 0.2, reshaped to the model's input
        org.nd4j.linalg.api.ndarray.INDArray u8 = org.nd4j.linalg.factory.Nd4j.create(new float[] {0, 255, 51, 0},
                new long[] {1, 2, 2}).castTo(org.nd4j.linalg.api.buffer.DataType.UINT8);
        org.nd4j.linalg.api.ndarray.INDArray x = ImageClassifierRecipe.pixels(u8, new long[] {4});
        assertEquals(List.of(1L, 4L), List.of(x.shape()[0], x.shape()[1]));
        assertEquals(1.0, x.getDouble(0, 1), 1e-6);
        assertEquals(0.2, x.getDouble(0, 2), 1e-6);
        assertTrue(DatasetLocator.class != null);
    }
}
