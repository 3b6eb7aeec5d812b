package dev.kerasj.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders Keras 3's {@code model.summary()} table (a rich table with a heavy header and lines between
 * rows) as plain text. Column widths follow Keras's computation: {@code positions} of a line length
 * (76 in an 80-column terminal or a notebook), each column padded by one space per side, then reduced
 * evenly until the table fits, as rich does.
 */
public final class SummaryTable {
    private final String[] header;
    private final boolean[] rightAligned;
    private final int[] widths; // content widths, padding excluded
    private final List<String[]> rows = new ArrayList<>();

    public SummaryTable(int lineLength, double[] positions, String[] header, boolean[] rightAligned) {
        this.header = header.clone();
        this.rightAligned = rightAligned.clone();
        int n = positions.length;
        int[] w = new int[n];
        int current = 0;
        for (int i = 0; i < n; i++) {
            int width = (int) (positions[i] * lineLength) - current;
            w[i] = width + 2;
            current += width;
        }
        int maxWidth = lineLength - (n + 1);
        int total = 0;
        for (int x : w) {
            total += x;
        }
        if (total > maxWidth) {
            // rich's ratio_reduce with equal ratios and Python's round-half-even
            int remaining = total - maxWidth;
            int ratioLeft = n;
            for (int i = 0; i < n; i++) {
                int distributed = (int) Math.min(w[i], Math.rint((double) remaining / ratioLeft));
                w[i] -= distributed;
                remaining -= distributed;
                ratioLeft--;
            }
        }
        widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = w[i] - 2;
        }
    }

    public void addRow(String... cells) {
        rows.add(cells.clone());
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(rule('┏', '━', '┳', '┓')).append('\n');
        appendCells(sb, header, '┃');
        sb.append(rule('┡', '━', '╇', '┩')).append('\n');
        for (int r = 0; r < rows.size(); r++) {
            appendCells(sb, rows.get(r), '│');
            if (r < rows.size() - 1) {
                sb.append(rule('├', '─', '┼', '┤')).append('\n');
            }
        }
        sb.append(rule('└', '─', '┴', '┘')).append('\n');
        return sb.toString();
    }

    private String rule(char left, char fill, char mid, char right) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int i = 0; i < widths.length; i++) {
            sb.append(String.valueOf(fill).repeat(widths[i] + 2));
            sb.append(i < widths.length - 1 ? mid : right);
        }
        return sb.toString();
    }

    private void appendCells(StringBuilder sb, String[] cells, char bar) {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < widths.length; i++) {
            List<String> w = wrap(i < cells.length && cells[i] != null ? cells[i] : "", widths[i]);
            wrapped.add(w);
            lines = Math.max(lines, w.size());
        }
        for (int l = 0; l < lines; l++) {
            sb.append(bar);
            for (int i = 0; i < widths.length; i++) {
                String text = l < wrapped.get(i).size() ? wrapped.get(i).get(l) : "";
                String pad = " ".repeat(Math.max(0, widths[i] - text.length()));
                sb.append(' ').append(rightAligned[i] ? pad + text : text + pad).append(' ').append(bar);
            }
            sb.append('\n');
        }
    }

    /** Word wrap as rich does: break at spaces, fold words longer than the column. */
    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            while (word.length() > width) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() == 0) {
                line.append(word);
            } else if (line.length() + 1 + word.length() <= width) {
                line.append(' ').append(word);
            } else {
                out.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (line.length() > 0 || out.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }

    /** Keras's {@code readable_memory_size}: bytes in B, KB, MB… (powers of 1024), two decimals. */
    public static String readableSize(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        for (String unit : units) {
            if (bytes / 1024 < 1) {
                return String.format(java.util.Locale.ROOT, "%.2f %s", bytes, unit);
            }
            bytes /= 1024;
        }
        return String.format(java.util.Locale.ROOT, "%.2f %s", bytes, "PB");
    }

    /** {@code 628442} → {@code "628,442"}. */
    public static String thousands(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
