package dev.kerasj.datasets;

/**
 * A CSV row that {@link CsvTimeSeriesReader} skipped, with its 1-based line number in the file
 * (the header is line 1) and the reason.
 *
 * <pre>{@code
 * table.malformedRows();   // [line 7: expected 4 fields, found 3]
 * }</pre>
 *
 * @param lineNumber 1-based line number in the file
 * @param reason what was wrong
 */
public record MalformedRow(long lineNumber, String reason) {
    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason;
    }
}
