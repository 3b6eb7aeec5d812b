package dev.kerasj.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code kerasj predict --input rows.csv}: one sample per row, as many comma-separated numbers as the model's
 * input has values, used as they are (no scaling), in row-major order of the input shape.
 *
 * <ul>
 *   <li>A UTF-8 byte order mark is skipped; blank lines and lines starting with {@code #} are skipped.</li>
 *   <li>Only the first line can be a header, and only when every field of it is text (holds a letter and is not
 *       {@code nan} or {@code inf}); a row that does not parse is an error, never a header.</li>
 *   <li>Every value must be a finite number within the FLOAT range: an empty field, {@code nan}, {@code inf},
 *       {@code 1e39} or text is an error naming its line and column.</li>
 * </ul>
 */
final class CsvInputs {
    private static final char BOM = '\uFEFF';

    private CsvInputs() {
    }

    static List<PredictInputs.Sample> read(Path file, long[] inputShape) throws IOException {
        long n = 1;
        for (long d : inputShape) {
            n *= d;
        }
        List<PredictInputs.Sample> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && !line.isEmpty() && line.charAt(0) == BOM) {
                line = line.substring(1);
            }
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (first && isHeader(fields)) {
                first = false;
                continue;
            }
            first = false;
            float[] values = new float[fields.length];
            for (int k = 0; k < fields.length; k++) {
                values[k] = value(fields[k].strip(), file, i + 1, k + 1, line);
            }
            if (values.length != n) {
                throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ", line " + (i + 1) + ": expected " + n
                        + " values (the model's input shape " + Arrays.toString(inputShape) + "). Received: "
                        + values.length + " values.");
            }
            out.add(new PredictInputs.Sample(file.getFileName() + ":" + (i + 1), PredictInputs.one(values, inputShape),
                    null, List.of()));
        }
        if (out.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "Invalid input " + file + ": it has no data rows.");
        }
        return out;
    }

    /** A header names columns: every field holds a letter and none is a number or nan/inf. */
    static boolean isHeader(String[] fields) {
        for (String f : fields) {
            String s = f.strip();
            if (!s.chars().anyMatch(Character::isLetter) || nonFinite(s)) {
                return false;
            }
            try {
                Double.parseDouble(s);
                return false;
            } catch (NumberFormatException e) {
                // text: a column name
            }
        }
        return true;
    }

    private static float value(String text, Path file, int line, int column, String row) {
        String where = "Invalid input " + file + ", line " + line + ", column " + column + ": ";
        if (text.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, where + "expected a number. Received: an empty field.");
        }
        float v;
        try {
            v = nonFinite(text) ? Float.NaN : Float.parseFloat(text);
        } catch (NumberFormatException e) {
            String separator = row.indexOf(',') < 0 && row.indexOf(';') >= 0 ? " The row has no comma but ';': kerasj "
                    + "reads comma-separated values." : row.indexOf(',') < 0 && row.indexOf('\t') >= 0 ? " The row has no "
                    + "comma but tabs: kerasj reads comma-separated values." : "";
            throw new CliException(ExitCodes.USAGE, where + "expected a number. Received: " + abbreviate(text) + "."
                    + separator);
        }
        if (!Float.isFinite(v)) {
            throw new CliException(ExitCodes.USAGE, where + "expected a finite number (within the FLOAT range, at most "
                    + Float.MAX_VALUE + "). Received: " + abbreviate(text) + ".");
        }
        return v;
    }

    private static boolean nonFinite(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
        return t.equals("nan") || t.equals("inf") || t.equals("infinity");
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
