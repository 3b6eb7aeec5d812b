package dev.kerasj.datasets;

/**
 * A dataset file could not be found, fetched or trusted: it is missing everywhere kerasj looks, its
 * SHA-256 differs from the table in {@code known-files.tsv}, it is truncated, or it is not in the
 * expected format. The message names the file, says what was expected and what was found, and how
 * to re-fetch it.
 *
 * <pre>{@code
 * try {
 *     Mnist.loadData();
 * } catch (DatasetException e) {
 *     System.err.println(e.getMessage()); // "... run scripts/fetch-datasets mnist ..."
 * }
 * }</pre>
 */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the remedy */
    public DatasetException(String message) {
        super(message);
    }

    /** @param message what went wrong, with the remedy; @param cause the underlying error */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The sentence every "how do I get it again" message ends with. */
    static String refetchHint(String dataset) {
        return "Delete the bad copy and re-fetch it: run `scripts/fetch-datasets " + dataset
                + "` (or call Datasets.fetch(\"" + dataset + "\")), or point KERASJ_DATASET_MIRROR at a"
                + " directory laid out like <mirror>/" + dataset + "/<file>.";
    }
}
