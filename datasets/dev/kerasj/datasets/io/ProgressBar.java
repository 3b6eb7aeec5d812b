package dev.kerasj.datasets.io;

import java.io.PrintStream;

/**
 * A Keras-style text progress bar for downloads, redrawn in place with a carriage return at most
 * ten times a second: {@code 11490434/11490434 [==============================] - 2s 0us/step}.
 * With an unknown total it shows the byte count only.
 *
 * <pre>{@code
 * ProgressBar bar = new ProgressBar(System.err, total);
 * bar.update(done);
 * bar.finish();
 * }</pre>
 */
public final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private long done;

    /** @param out where to draw, or {@code null} to draw nothing; @param total total bytes, or -1 if unknown */
    public ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = total;
    }

    /** Records {@code done} bytes so far and redraws if 100 ms have passed. */
    public void update(long done) {
        this.done = done;
        long now = System.nanoTime();
        if (now - lastDraw > 100_000_000L) {
            lastDraw = now;
            draw();
        }
    }

    /** Draws the final state and ends the line. */
    public void finish() {
        draw();
        if (out != null) {
            out.println();
            out.flush();
        }
    }

    private void draw() {
        if (out == null) {
            return;
        }
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        StringBuilder s = new StringBuilder("\r").append(done);
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            s.append('/').append(total).append(" [").append("=".repeat(filled));
            if (filled < WIDTH) {
                s.append('>').append(".".repeat(WIDTH - filled - 1));
            }
            s.append(']');
        } else {
            s.append(" bytes");
        }
        s.append(" - ").append(seconds).append('s');
        out.print(s);
        out.flush();
    }
}
