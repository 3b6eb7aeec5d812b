package dev.kerasj.testing;

import dev.kerasj.FitOptions;
import dev.kerasj.Sequential;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Dropout;
import dev.kerasj.layers.Input;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Hostile and damaged variants of a freshly trained {@code .kerasj} file, generated in the tests (issue 23):
 * crafted {@code .npy} headers, zip bombs, CRC damage, truncation, missing, extra, duplicate and
 * path-traversal entries, wrong weight shapes, broken JSON, and seeded fuzzing of the file, the array
 * headers, the array data and the config. Each variant says what a correct loader does with it.
 *
 * <p>The model: {@code Input(6) → Dense(8, relu) → Dropout(0.1) → Dense(3, softmax)} compiled with Adam and
 * trained one epoch, so the file holds {@code weights/0/{0,1}.npy} (kernel {@code (6, 8)}, bias
 * {@code (8,)}), {@code weights/2/{0,1}.npy} ({@code (8, 3)}, {@code (3,)}) and {@code optimizer/state.npy}.
 */
public final class HostileModelFiles {
    public static final String CONFIG = "kerasj.json";
    public static final String KERNEL = "weights/0/0.npy";
    public static final String STATE = "optimizer/state.npy";
    private static final List<String> WEIGHTS = List.of(KERNEL, "weights/0/1.npy", "weights/2/0.npy", "weights/2/1.npy");

    /** What a correct loader does with a variant. */
    public enum Expect {
        /** Throws {@code InvalidModelFileException} whose message contains the variant's fragment. */
        REFUSED,
        /** Loads, and predicts exactly what the original predicts. */
        SAME,
        /** Either of the two above (fuzzing: the damage may or may not matter). */
        REFUSED_OR_SAME,
        /** Loads, with the variant's weight entry holding exactly the values of its (fuzzed) data. */
        LOADS_WITH_WEIGHTS,
        /** Refused, or loads a model the changed config describes (config fuzzing: no oracle for its predictions). */
        REFUSED_OR_LOADS
    }

    /**
     * One file. For {@link Expect#LOADS_WITH_WEIGHTS}, {@code layer}/{@code weight} index the layer weight whose
     * values must equal {@code values}.
     */
    public record Variant(String name, byte[] bytes, Expect expect, String fragment, int layer, int weight, float[] values) {
        static Variant of(String name, byte[] bytes, Expect expect, String fragment) {
            return new Variant(name, bytes, expect, fragment, -1, -1, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final List<ZipBytes.Entry> entries;

    private HostileModelFiles(byte[] original) throws IOException {
        this.entries = ZipBytes.read(original);
    }

    /** Trains the small model, saves it to {@code file} and returns it. */
    public static Sequential trainAndSave(Path file) throws IOException {
        Sequential m = new Sequential(new Input(6), new Dense(8, "relu"), new Dropout(0.1), new Dense(3, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        INDArray[] d = data();
        m.fit(d[0], d[1], FitOptions.defaults().verbose(0).epochs(1).batchSize(8).seed(3));
        m.save(file);
        return m;
    }

    /** Inputs and labels for the model: 24 samples of 6 features. */
    public static INDArray[] data() {
        INDArray[] blobs = Data.blobs(24, 5);
        INDArray x = org.nd4j.linalg.factory.Nd4j.concat(1, blobs[0], blobs[0].mul(-1), blobs[0].mul(0.5));
        return new INDArray[] {x, blobs[1]};
    }

    /** The named hostile cases, each with its expected outcome. */
    public static List<Variant> cases(Path original) throws IOException {
        return new HostileModelFiles(Files.readAllBytes(original)).cases();
    }

    /** {@code count} seeded fuzz variants of each kind (whole file, array headers, array data, config, truncation). */
    public static List<Variant> fuzz(Path original, long seed, int count) throws IOException {
        return new HostileModelFiles(Files.readAllBytes(original)).fuzz(seed, count);
    }

    // ---------------------------------------------------------------- the named cases

    private List<Variant> cases() {
        List<Variant> out = new ArrayList<>();
        byte[] kernel = npyData(KERNEL);
        byte[] state = npyData(STATE);
        long stateLength = state.length / 4;
        // crafted .npy headers
        out.add(refused("npy shape larger than the data", withNpy(KERNEL, dict("<f4", false, "(6, 9)"), kernel),
                "has shape (6, 9)"));
        out.add(refused("npy state shape larger than the data", withNpy(STATE, dict("<f4", false, "(" + (stateLength + 1000)
                + ",)"), state), "optimizer state holds " + (stateLength + 1000)));
        out.add(refused("npy short data block", withNpy(KERNEL, dict("<f4", false, "(6, 8)"), Arrays.copyOf(kernel, 188)),
                "data block holds 188 bytes, but its header declares 192"));
        out.add(refused("npy data longer than its shape", withNpy(KERNEL, dict("<f4", false, "(6, 8)"),
                Arrays.copyOf(kernel, 196)), "more data than its header declares"));
        out.add(refused("npy object dtype", withNpy(KERNEL, dict("|O", false, "(6, 8)"), kernel), "Python objects"));
        out.add(refused("npy big-endian", withNpy(KERNEL, dict(">f4", false, "(6, 8)"), swap4(kernel)), "big-endian"));
        out.add(refused("npy int32", withNpy(KERNEL, dict("<i4", false, "(6, 8)"), kernel), "integer"));
        out.add(refused("npy garbage header", withEntry(KERNEL, npy(1, "{'descr': %%garbage!! 'shape': [6; 8]}", kernel)),
                "is not a valid .npy array"));
        out.add(refused("npy binary header", withEntry(KERNEL, npyRaw(1, randomBytes(118, 11), kernel)),
                "is not a valid .npy array"));
        out.add(refused("npy negative shape", withNpy(KERNEL, dict("<f4", false, "(-6, 8)"), kernel), "negative dimension"));
        out.add(refused("npy shape product overflows", withNpy(KERNEL, dict("<f4", false,
                "(4294967296, 4294967296, 4294967296)"), kernel), "overflows"));
        out.add(refused("npy 20-digit dimension", withNpy(KERNEL, dict("<f4", false, "(99999999999999999999, 8)"), kernel),
                "too large for 64 bits"));
        out.add(refused("npy huge header length v1", withEntry(KERNEL, withHeaderLength(npy(1, dict("<f4", false, "(6, 8)"),
                kernel), 1, 0xFFFF)), "header length 65535 exceeds"));
        out.add(refused("npy huge header length v2", withEntry(KERNEL, withHeaderLength(npy(2, dict("<f4", false, "(6, 8)"),
                kernel), 2, 0x7FFFFFF0L)), "header length 2147483632 exceeds"));
        out.add(refused("npy bad magic", withEntry(KERNEL, replaceAt(npy(1, dict("<f4", false, "(6, 8)"), kernel), 1, 'X')),
                "magic"));
        out.add(refused("npy version 9.0", withEntry(KERNEL, replaceAt(npy(1, dict("<f4", false, "(6, 8)"), kernel), 6, 9)),
                "format version 9.0"));
        out.add(refused("npy key missing", withNpy(KERNEL, "{'descr': '<f4', 'shape': (6, 8), }", kernel), "exactly the keys"));
        out.add(refused("npy extra key", withNpy(KERNEL, "{'descr': '<f4', 'fortran_order': False, 'shape': (6, 8), "
                + "'evil': True}", kernel), "exactly the keys"));
        out.add(refused("npy repeated key", withNpy(KERNEL, "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, "
                + "'shape': (6, 8)}", kernel), "repeats the key 'descr'"));
        out.add(refused("wrong weight shape (transposed kernel)", withNpy(KERNEL, dict("<f4", false, "(8, 6)"), kernel),
                "has shape (8, 6)"));
        out.add(refused("weights of two layers swapped", map(es -> swapContent(es, KERNEL, "weights/2/0.npy")),
                "has shape (8, 3)"));
        out.add(refused("optimizer state of another length", withNpy(STATE, dict("<f4", false, "(7,)"), new byte[28]),
                "optimizer state holds 7 values"));
        // valid variants of the arrays that must load exactly
        out.add(same("npy fortran_order True, data column-major", withNpy(KERNEL, dict("<f4", true, "(6, 8)"),
                transpose4(kernel, 6, 8))));
        out.add(same("npy version 2.0 header", withEntry(KERNEL, npy(2, dict("<f4", false, "(6, 8)"), kernel))));
        out.add(same("npy version 3.0 header", withEntry(KERNEL, npy(3, dict("<f4", false, "(6, 8)"), kernel))));
        out.add(same("npy float64 data", withNpy(KERNEL, dict("<f8", false, "(6, 8)"), widen(kernel))));
        out.add(same("npy double-quoted header, no trailing comma", withNpy(KERNEL,
                "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (6, 8)}", kernel)));
        out.add(same("entries reordered", map(es -> {
            List<ZipBytes.Entry> r = new ArrayList<>(es);
            Collections.reverse(r);
            return r;
        })));
        out.add(same("entries stored, not deflated", map(es -> es.stream()
                .map(e -> ZipBytes.stored(e.name(), ZipBytes.content(e))).toList())));
        out.add(same("optimizer state left out", map(es -> without(es, STATE))));
        // zip bombs
        byte[] bigHeader = npyHeader(1, dict("<f4", false, "(6, 8)"));
        ZipBytes.Entry bomb = new ZipBytes.Entry(KERNEL, ZipBytes.DEFLATED, ZipBytes.deflateHeadThenZeros(bigHeader, 1024),
                ZipBytes.crcHeadThenZeros(bigHeader, 1024), bigHeader.length + (1024L << 20));
        out.add(refused("zip bomb: weight declaring 1 GiB", map(es -> replace(es, bomb)), "declares " + bomb.size() + " bytes"));
        ZipBytes.Entry original = entry(KERNEL);
        out.add(refused("zip bomb: weight inflating to 1 GiB, sizes lying", map(es -> replace(es,
                bomb.withSize(original.size()).withCrc(original.crc()))),
                "entry '" + KERNEL + "' is not a valid .npy array: it holds more data than its header declares"));
        ZipBytes.Entry config = entry(CONFIG);
        byte[] open = "{\"format\": \"".getBytes(StandardCharsets.US_ASCII);
        out.add(refused("zip bomb: kerasj.json inflating to 2 GiB, sizes lying", map(es -> replace(es,
                new ZipBytes.Entry(CONFIG, ZipBytes.DEFLATED, ZipBytes.deflateHeadThenZeros(open, 2048), config.crc(),
                        config.size()))), "entry 'kerasj.json' inflates beyond 16777216 bytes"));
        // zip damage
        ZipBytes.Entry storedKernel = ZipBytes.stored(KERNEL, ZipBytes.content(original));
        byte[] flipped = storedKernel.raw().clone();
        flipped[150] ^= 0x10;
        out.add(refused("CRC: a stored data byte flipped", map(es -> replace(es, new ZipBytes.Entry(KERNEL, ZipBytes.STORED,
                flipped, storedKernel.crc(), storedKernel.size()))), "entry '" + KERNEL + "' is damaged: its CRC-32"));
        out.add(refused("CRC: the recorded CRC wrong", map(es -> replace(es, original.withCrc(original.crc() ^ 1))),
                "entry '" + KERNEL + "' is damaged: its CRC-32"));
        byte[] deflatedDamage = original.raw().clone();
        deflatedDamage[deflatedDamage.length / 2] ^= 0x55;
        out.add(refused("deflated bytes damaged", map(es -> replace(es, new ZipBytes.Entry(KERNEL, ZipBytes.DEFLATED,
                deflatedDamage, original.crc(), original.size()))), "entry '" + KERNEL + "'"));
        out.add(refused("recorded size smaller than the content", map(es -> replace(es, storedKernel.withSize(100))),
                "entry '" + KERNEL + "'"));
        out.add(refused("unknown compression method", map(es -> replace(es, original.withMethod(99))), "bad compression method"));
        byte[] file = ZipBytes.write(entries);
        out.add(refused("truncated zip (half)", Arrays.copyOf(file, file.length / 2), "not a zip archive"));
        out.add(refused("truncated zip (last byte)", Arrays.copyOf(file, file.length - 1), "Cannot load model file"));
        out.add(refused("empty file", new byte[0], "not a zip archive"));
        out.add(refused("not a zip", "hello, world".getBytes(StandardCharsets.US_ASCII), "not a zip archive"));
        // entries
        out.add(refused("missing weight entry", map(es -> without(es, "weights/2/1.npy")),
                "weight 1 of layer 'dense_1' is missing"));
        out.add(refused("missing kerasj.json", map(es -> without(es, CONFIG)), "no kerasj.json entry"));
        out.add(refused("unknown entry", map(es -> plus(es, ZipBytes.deflated("notes.txt", new byte[] {1}))),
                "unexpected entry 'notes.txt'"));
        out.add(refused("unused weight entry", map(es -> plus(es, ZipBytes.deflated("weights/7/0.npy",
                npy(1, dict("<f4", false, "(1,)"), new byte[4])))), "'weights/7/0.npy', which its config does not use"));
        out.add(refused("path traversal name", map(es -> plus(es, ZipBytes.deflated("../../evil.npy", new byte[] {1}))),
                "unexpected entry '../../evil.npy'"));
        out.add(refused("path traversal inside an allowed prefix", map(es -> plus(es, ZipBytes.deflated(
                "weights/0/../../../x.npy", new byte[] {1}))), "unexpected entry"));
        out.add(refused("absolute name", map(es -> plus(es, ZipBytes.deflated("/kerasj.json", new byte[] {1}))),
                "unexpected entry '/kerasj.json'"));
        out.add(refused("duplicate kerasj.json", map(es -> plus(es, ZipBytes.deflated(CONFIG,
                "{}".getBytes(StandardCharsets.UTF_8)))),
                "kerasj.json"));
        out.add(refused("duplicate weight entry", map(es -> plus(es, entry(KERNEL).withName(KERNEL))), KERNEL));
        out.add(refused("DL4J ModelSerializer entry", map(es -> plus(es, ZipBytes.deflated("preprocessor.bin",
                new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}))), "ObjectInputStream"));
        out.add(refused("Java-serialized kerasj.json", withEntry(CONFIG, new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1, 2}),
                "Java-serialized"));
        // the config
        out.add(refused("config JSON garbage", withEntry(CONFIG, "{\"format\": kerasj, ]]".getBytes(StandardCharsets.UTF_8)),
                "is not valid JSON"));
        out.add(refused("config JSON empty", withEntry(CONFIG, new byte[0]), "kerasj.json"));
        out.add(refused("config JSON null", withEntry(CONFIG, "null".getBytes(StandardCharsets.UTF_8)), "not a JSON object"));
        out.add(refused("config JSON an array", withEntry(CONFIG, "[1, 2]".getBytes(StandardCharsets.UTF_8)), "kerasj.json"));
        out.add(refused("config JSON nested 100,000 deep", withEntry(CONFIG, ("{\"a\":" + "[".repeat(100_000))
                .getBytes(StandardCharsets.UTF_8)), "is not valid JSON"));
        out.add(refused("config nested 900 deep where layers belong", withConfig(j -> replaceOnce(j,
                "\"layers\" : [", "\"layers\" : [" + "[".repeat(900) + "]".repeat(900) + ",")), "config"));
        out.add(refused("config: a layer of 2^31-1 units", withConfig(j -> replaceOnce(j, "\"units\" : 8,",
                "\"units\" : 2147483647,")), "weights, more than kerasj loads"));
        out.add(refused("config: weight index naming another layer", withConfig(j -> replaceOnce(j, "\"layer\" : \"dense\"",
                "\"layer\" : \"other\"")), "weight index"));
        out.add(refused("config: compile_config with metrics a number", withConfig(j -> replaceRegex(j,
                "\"metrics\" : \\[[^]]*]", "\"metrics\" : 5")),
                "Invalid `compile_config.metrics`"));
        out.add(refused("config: format version 2", withConfig(j -> replaceOnce(j, "\"format_version\" : 1",
                "\"format_version\" : 2")), "Unsupported encoding version 2"));
        out.add(refused("config: negative epoch", withConfig(j -> replaceRegex(j, "\"epoch\" : \\d+", "\"epoch\" : -5")),
                "epochs"));
        return out;
    }

    // ---------------------------------------------------------------- fuzzing

    private List<Variant> fuzz(long seed, int count) {
        Random r = new Random(seed);
        List<Variant> out = new ArrayList<>();
        byte[] file = ZipBytes.write(entries);
        for (int i = 0; i < count; i++) {
            out.add(Variant.of("fuzz file #" + i, mutate(file, 0, file.length, r), Expect.REFUSED_OR_SAME, null));
        }
        for (int i = 0; i < count; i++) {
            String name = r.nextBoolean() ? WEIGHTS.get(r.nextInt(WEIGHTS.size())) : STATE;
            byte[] npy = ZipBytes.content(entry(name));
            out.add(Variant.of("fuzz header of " + name + " #" + i, withEntry(name, mutate(npy, 0, dataStart(npy), r)),
                    Expect.REFUSED_OR_SAME, null));
        }
        for (int i = 0; i < count / 4; i++) {
            int w = r.nextInt(WEIGHTS.size());
            String name = WEIGHTS.get(w);
            byte[] npy = ZipBytes.content(entry(name));
            byte[] fuzzed = mutate(npy, dataStart(npy), npy.length, r);
            float[] values = new float[(npy.length - dataStart(npy)) / 4];
            ByteBuffer.wrap(fuzzed, dataStart(npy), values.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            out.add(new Variant("fuzz data of " + name + " #" + i, withEntry(name, fuzzed), Expect.LOADS_WITH_WEIGHTS, null,
                    w < 2 ? 0 : 2, w % 2, values));
        }
        for (int i = 0; i < count; i++) {
            byte[] json = ZipBytes.content(entry(CONFIG));
            out.add(Variant.of("fuzz kerasj.json #" + i, withEntry(CONFIG, mutate(json, 0, json.length, r)),
                    Expect.REFUSED_OR_LOADS, null));
        }
        for (int i = 0; i < count / 4; i++) {
            out.add(Variant.of("fuzz truncation #" + i, Arrays.copyOf(file, r.nextInt(file.length)), Expect.REFUSED,
                    "Cannot load model file"));
        }
        return out;
    }

    /** Flips a bit of, or overwrites, 1 to 4 random bytes in {@code [from, to)}. */
    private static byte[] mutate(byte[] bytes, int from, int to, Random r) {
        byte[] out = bytes.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            int at = from + r.nextInt(to - from);
            out[at] = r.nextBoolean() ? (byte) (out[at] ^ (1 << r.nextInt(8))) : (byte) r.nextInt(256);
        }
        return out;
    }

    // ---------------------------------------------------------------- .npy bytes, written here independently of kerasj

    /** A header dict as NumPy writes it. */
    public static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    }

    /** A {@code .npy} file of the given format version (1: 2-byte header length, 2 and 3: 4 bytes), padded to 64. */
    public static byte[] npy(int version, String dict, byte[] data) {
        byte[] header = npyHeader(version, dict);
        byte[] out = Arrays.copyOf(header, header.length + data.length);
        System.arraycopy(data, 0, out, header.length, data.length);
        return out;
    }

    private static byte[] npyHeader(int version, String dict) {
        int pre = version == 1 ? 10 : 12;
        StringBuilder h = new StringBuilder(dict);
        while ((pre + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        return npyRaw(version, h.toString().getBytes(StandardCharsets.US_ASCII), new byte[0]);
    }

    private static byte[] npyRaw(int version, byte[] dict, byte[] data) {
        int pre = version == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(pre + dict.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            b.putShort((short) dict.length);
        } else {
            b.putInt(dict.length);
        }
        return b.put(dict).put(data).array();
    }

    private static byte[] withHeaderLength(byte[] npy, int version, long length) {
        ByteBuffer b = ByteBuffer.wrap(npy.clone()).order(ByteOrder.LITTLE_ENDIAN);
        if (version == 1) {
            b.putShort(8, (short) length);
        } else {
            b.putInt(8, (int) length);
        }
        return b.array();
    }

    private static int dataStart(byte[] npy) {
        int len = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        return 10 + len;
    }

    private byte[] npyData(String name) {
        byte[] npy = ZipBytes.content(entry(name));
        return Arrays.copyOfRange(npy, dataStart(npy), npy.length);
    }

    private static byte[] swap4(byte[] data) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i += 4) {
            for (int k = 0; k < 4; k++) {
                out[i + k] = data[i + 3 - k];
            }
        }
        return out;
    }

    /** Row-major float32 data of a (rows, cols) array rewritten column-major. */
    private static byte[] transpose4(byte[] data, int rows, int cols) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                System.arraycopy(data, 4 * (i * cols + j), out, 4 * (j * rows + i), 4);
            }
        }
        return out;
    }

    private static byte[] widen(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            out.putDouble(in.getFloat());
        }
        return out.array();
    }

    private static byte[] replaceAt(byte[] bytes, int at, int value) {
        byte[] out = bytes.clone();
        out[at] = (byte) value;
        return out;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    // ---------------------------------------------------------------- zip edits

    private ZipBytes.Entry entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the model file has no " + name));
    }

    private byte[] map(UnaryOperator<List<ZipBytes.Entry>> edit) {
        return ZipBytes.write(edit.apply(entries));
    }

    private byte[] withEntry(String name, byte[] content) {
        return map(es -> replace(es, ZipBytes.deflated(name, content)));
    }

    private byte[] withNpy(String name, String dict, byte[] data) {
        return withEntry(name, npy(1, dict, data));
    }

    private byte[] withConfig(UnaryOperator<String> edit) {
        String json = new String(ZipBytes.content(entry(CONFIG)), StandardCharsets.UTF_8);
        return withEntry(CONFIG, edit.apply(json).getBytes(StandardCharsets.UTF_8));
    }

    private static String replaceOnce(String s, String what, String with) {
        if (!s.contains(what)) {
            throw new IllegalStateException("the saved config has no " + what + "; update this hostile case");
        }
        return s.replaceFirst(java.util.regex.Pattern.quote(what), java.util.regex.Matcher.quoteReplacement(with));
    }

    private static String replaceRegex(String s, String regex, String with) {
        String out = s.replaceFirst(regex, with);
        if (out.equals(s)) {
            throw new IllegalStateException("the saved config has nothing matching " + regex + "; update this hostile case");
        }
        return out;
    }

    private static List<ZipBytes.Entry> replace(List<ZipBytes.Entry> es, ZipBytes.Entry e) {
        List<ZipBytes.Entry> out = new ArrayList<>();
        for (ZipBytes.Entry x : es) {
            out.add(x.name().equals(e.name()) ? e : x);
        }
        return out;
    }

    private List<ZipBytes.Entry> swapContent(List<ZipBytes.Entry> es, String a, String b) {
        return replace(replace(es, entry(b).withName(a)), entry(a).withName(b));
    }

    private static List<ZipBytes.Entry> without(List<ZipBytes.Entry> es, String name) {
        return es.stream().filter(e -> !e.name().equals(name)).toList();
    }

    private static List<ZipBytes.Entry> plus(List<ZipBytes.Entry> es, ZipBytes.Entry e) {
        List<ZipBytes.Entry> out = new ArrayList<>(es);
        out.add(e);
        return out;
    }

    private static Variant refused(String name, byte[] bytes, String fragment) {
        return Variant.of(name, bytes, Expect.REFUSED, fragment);
    }

    private static Variant same(String name, byte[] bytes) {
        return Variant.of(name, bytes, Expect.SAME, null);
    }
}
