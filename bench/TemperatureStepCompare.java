import dev.kerasj.FitOptions;
import dev.kerasj.Model;
import dev.kerasj.datasets.DatasetLocator;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.LSTM;
import dev.kerasj.layers.Layer;
import dev.kerasj.models.RecipeData;
import dev.kerasj.models.TemperatureLstm;
import dev.kerasj.models.Variant;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step-by-step comparison of kerasj's temperature-lstm (--dataset seattle) with bench/temperature_ref.py:
 * the same initial weights (the reference's --dump-init file), batches of 32 in window order, no shuffle.
 * Prints the first batch's loss and each epoch's training loss and val_mae (°C), to put next to
 * {@code temperature_ref.py --no-shuffle --dump-init FILE --epochs N} (same --scale-targets setting:
 * kerasj's daily recipe trains on standardised targets).
 *
 * <pre>
 * mvn -q -o -B package -DskipTests
 * python3 bench/temperature_ref.py --scale-targets --no-shuffle --epochs 10 --dump-init /tmp/init.txt
 * KERASJ_DATASET_MIRROR=/work/shared/datasets java -cp target/kerasj.jar bench/TemperatureStepCompare.java /tmp/init.txt 10
 * </pre>
 */
public class TemperatureStepCompare {
    public static void main(String[] args) throws Exception {
        Map<String, INDArray> init = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] parts = line.trim().split(" ");
            String[] dims = parts[1].split(",");
            long[] shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = Long.parseLong(dims[i]);
            }
            double[] v = new double[parts.length - 2];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.parseDouble(parts[i + 2]);
            }
            init.put(parts[0], Nd4j.createFromArray(v).reshape(shape).castTo(DataType.FLOAT));
        }
        int epochs = Integer.parseInt(args[1]);
        TemperatureLstm recipe = new TemperatureLstm();
        Variant variant = recipe.defaultVariant().with("dataset", TemperatureLstm.SEATTLE);
        RecipeData d = recipe.loadData(DatasetLocator.fromEnvironment(), variant);
        double s = d.labelScale();

        Model model = recipe.compiled(variant, recipe.defaults(variant));
        setInitial(model, init);
        INDArray x32 = d.xTrain().get(NDArrayIndex.interval(0, 32), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray y32 = d.yTrain().get(NDArrayIndex.interval(0, 32));
        Map<String, List<Double>> one = model.fit(x32, y32, FitOptions.defaults().epochs(1).batchSize(32)
                .shuffle(false).verbose(0)).history();
        System.out.printf("step 1: batch loss %.6f%n", one.get("loss").get(0));

        model = recipe.compiled(variant, recipe.defaults(variant));
        setInitial(model, init);
        Map<String, List<Double>> h = model.fit(d.xTrain(), d.yTrain(), FitOptions.defaults().epochs(epochs)
                .batchSize(32).shuffle(false).verbose(0).validationData(d.xVal(), d.yVal())).history();
        for (int e = 0; e < epochs; e++) {
            System.out.printf("epoch %d: loss %.4f val_mae %.4f%n", e + 1, h.get("loss").get(e),
                    h.get("val_mae").get(e) * s);
        }
        System.out.printf("test_mae %.4f%n", recipe.report(model, d, 32).get("test_mae"));
    }

    private static void setInitial(Model model, Map<String, INDArray> init) {
        for (Layer layer : model.layers()) {
            if (layer instanceof LSTM) {
                layer.setWeights(init.get("kernel"), init.get("recurrent"), init.get("bias"));
            } else if (layer instanceof Dense) {
                layer.setWeights(init.get("dense"), init.get("dense_bias"));
            }
        }
    }
}
