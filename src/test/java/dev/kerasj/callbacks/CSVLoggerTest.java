package dev.kerasj.callbacks;

import dev.kerasj.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.kerasj.callbacks.CallbackTesting.QUIET;
import static dev.kerasj.callbacks.CallbackTesting.linearModel;
import static dev.kerasj.callbacks.CallbackTesting.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CSVLoggerTest {
    @TempDir
    Path dir;

    private static void epochs(CSVLogger c, java.util.Map<String, Double>... perEpoch) {
        c.onTrainBegin(new java.util.LinkedHashMap<>());
        for (int e = 0; e < perEpoch.length; e++) {
            c.onEpochEnd(e, perEpoch[e]);
        }
        c.onTrainEnd(new java.util.LinkedHashMap<>());
    }

    @Test
    void writesKerasColumnsAndValues() throws Exception {
        Path f = dir.resolve("log.csv");
        CSVLogger c = new CSVLogger(f);
        epochs(c, logs("loss", 0.5, "accuracy", 0.25, "val_loss", 0.75, "val_accuracy", 0.125),
                logs("loss", 0.1, "accuracy", 1e-5, "val_loss", 2.0, "val_accuracy", 0.3));
        // Keras: "epoch" then the keys sorted, values as Python's repr, csv module's \r\n line ends.
        assertEquals("epoch,accuracy,loss,val_accuracy,val_loss\r\n"
                + "0,0.25,0.5,0.125,0.75\r\n"
                + "1,1e-05,0.1,0.3,2.0\r\n", Files.readString(f));
    }

    @Test
    void addsValColumnsWrittenNaWithoutValidationAndAppends() throws Exception {
        Path f = dir.resolve("log.csv");
        epochs(new CSVLogger(f).separator(";"), logs("loss", 0.5));
        epochs(new CSVLogger(f).separator(";").append(true), logs("loss", 0.25));
        assertEquals("epoch;loss;val_loss\r\n0;0.5;NA\r\n0;0.25;NA\r\n", Files.readString(f));
        // Without append the file starts over.
        epochs(new CSVLogger(f), logs("loss", 0.125));
        assertEquals("epoch,loss,val_loss\r\n0,0.125,NA\r\n", Files.readString(f));
    }

    @Test
    void logsARealFitAsHistoryRecordsIt() throws Exception {
        INDArray[] d = TestModels.regression(40, 3, 5);
        Path f = dir.resolve("fit.csv");
        History h = linearModel(0.01).fit(d[0], d[1], QUIET.epochs(3).validationSplit(0.25).callbacks(new CSVLogger(f)));
        List<String> lines = Files.readAllLines(f);
        assertEquals("epoch,loss,val_loss", lines.get(0));
        assertEquals(4, lines.size());
        for (int e = 0; e < 3; e++) {
            String[] cells = lines.get(e + 1).split(",");
            assertEquals(Integer.toString(e), cells[0]);
            assertEquals(h.history().get("loss").get(e), Double.parseDouble(cells[1]), 0.0);
            assertEquals(h.history().get("val_loss").get(e), Double.parseDouble(cells[2]), 0.0);
        }
        assertTrue(Files.readString(f).endsWith("\r\n"));
    }
}
