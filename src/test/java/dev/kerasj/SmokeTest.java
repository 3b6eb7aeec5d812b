package dev.kerasj;

import dev.kerasj.callbacks.History;
import dev.kerasj.layers.*;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;

class SmokeTest {
    @Test
    void runs() throws Exception {
        Kerasj.setRandomSeed(1);
        Sequential m = new Sequential(new Input(784), new Dense(784, "sigmoid"), new Dense(16, "sigmoid"),
                new Dense(16, "sigmoid"), new Dense(10, "softmax"));
        m.summary();
        System.out.println(m.countParams());
        System.err.println("A"); INDArray px = m.predict(Nd4j.rand(5,784)); System.err.println("B "+px);
        m.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        INDArray x = Nd4j.rand(200, 784);
        INDArray y = Nd4j.createFromArray(new int[200]).castTo(org.nd4j.linalg.api.buffer.DataType.INT);
        System.err.println("C");
        m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(32).shuffle(false)); System.err.println("D");
        History h = m.fit(x, y, FitOptions.defaults().epochs(2).batchSize(32).validationSplit(0.2));
        System.out.println(h.history());
        System.out.println(m.evaluate(x, y));
        INDArray p = m.predict(x);
        Path f = Files.createTempFile("m", ".kerasj");
        m.save(f);
        Sequential m2 = Sequential.load(f);
        System.out.println(p.equalsWithEps(m2.predict(x), 0));
    }
}
