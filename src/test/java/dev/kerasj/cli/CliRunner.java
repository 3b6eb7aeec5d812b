package dev.kerasj.cli;

import dev.kerasj.datasets.DatasetLocator;
import dev.kerasj.datasets.KnownFile;
import dev.kerasj.datasets.KnownFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs {@code kerasj} in-process with captured stdout/stderr, over a temporary {@code KERASJ_HOME} and a
 * mirror holding a tiny synthetic MNIST (no checksums, downloads and system packages off), so that tests
 * never touch the network or the user's cache. Fashion-MNIST is in the table but absent everywhere.
 */
final class CliRunner {
    /** The outcome of one command line. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static final int TRAIN = 300;
    static final int TEST = 100;
    private static final String[] IDX = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private final Path home;
    private final Path mirror;
    private final DatasetLocator locator;

    CliRunner(Path dir) throws IOException {
        this.home = dir.resolve("home");
        this.mirror = dir.resolve("mirror");
        writeSyntheticMnist(mirror.resolve("mnist"));
        writeSyntheticWeather(mirror.resolve("weather/weather.csv"));
        List<KnownFile> files = new ArrayList<>();
        for (String dataset : List.of("mnist", "fashion-mnist")) {
            for (String f : IDX) {
                files.add(new KnownFile(dataset, "idx", dataset + "/" + f, null, List.of()));
            }
        }
        files.add(new KnownFile("weather", "csv", "weather/weather.csv", null, List.of()));
        files.add(new KnownFile("jena-climate", "csv", "jena-climate/jena_climate_2009_2016.csv", null, List.of()));
        this.locator = new DatasetLocator(home).withMirror(mirror.toString()).withSystemPackages(false)
                .withDownloads(false).withTable(new KnownFiles(files));
    }

    DatasetLocator locator() {
        return locator;
    }

    Path home() {
        return home;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Main.execute(new CliContext(o, e, () -> locator), args);
        o.flush();
        e.flush();
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The synthetic digit {@code label}: a dark 28×28 image with a bright 3-pixel-high bar at rows
     * {@code 2 + 2·label … 4 + 2·label}, plus a little noise — separable by a linear model.
     */
    static byte[] image(int label, Random random) {
        byte[] px = new byte[28 * 28];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) random.nextInt(30);
        }
        for (int r = 2 + 2 * label; r <= 4 + 2 * label; r++) {
            for (int c = 4; c < 24; c++) {
                px[r * 28 + c] = (byte) (200 + random.nextInt(56));
            }
        }
        return px;
    }

    private static void writeSyntheticMnist(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(7);
        for (int part = 0; part < 2; part++) {
            int n = part == 0 ? TRAIN : TEST;
            byte[] images = new byte[16 + n * 784];
            byte[] labels = new byte[8 + n];
            header(images, 0x08, 3, n, 28, 28);
            header(labels, 0x08, 1, n);
            for (int i = 0; i < n; i++) {
                int label = (i * 7 + part) % 10;
                System.arraycopy(image(label, random), 0, images, 16 + i * 784, 784);
                labels[8 + i] = (byte) label;
            }
            Files.write(dir.resolve(IDX[2 * part]), images);
            Files.write(dir.resolve(IDX[2 * part + 1]), labels);
        }
    }

    static final int DAYS = 120;

    /** Daily temp_max of the synthetic weather.csv: a 30-day cycle around 15 °C (Seattle) or 20 °C (New York). */
    static double tempMax(String location, int day) {
        double base = location.equals("Seattle") ? 15 : 20;
        return Math.round((base + 8 * Math.sin(2 * Math.PI * day / 30.0) + ((day * 37) % 11 - 5) * 0.3) * 10) / 10.0;
    }

    /** {@code weather.csv} as vega-datasets lays it out, {@link #DAYS} days for Seattle then New York. */
    private static void writeSyntheticWeather(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder("location,date,precipitation,temp_max,temp_min,wind,weather\n");
        for (String location : List.of("Seattle", "New York")) {
            java.time.LocalDate d = java.time.LocalDate.of(2012, 1, 1);
            for (int day = 0; day < DAYS; day++) {
                double t = tempMax(location, day);
                sb.append(location).append(',').append(d.plusDays(day)).append(',').append((day * 13) % 7 * 0.5).append(',')
                        .append(t).append(',').append(Math.round((t - 7) * 10) / 10.0).append(',')
                        .append(2 + (day % 5) * 0.4).append(",sun\n");
            }
        }
        Files.writeString(file, sb.toString());
    }

    private static void header(byte[] b, int type, int rank, int... dims) {
        b[2] = (byte) type;
        b[3] = (byte) rank;
        for (int i = 0; i < dims.length; i++) {
            int d = dims[i];
            b[4 + 4 * i] = (byte) (d >>> 24);
            b[5 + 4 * i] = (byte) (d >>> 16);
            b[6 + 4 * i] = (byte) (d >>> 8);
            b[7 + 4 * i] = (byte) d;
        }
    }
}
