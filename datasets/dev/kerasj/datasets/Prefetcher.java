package dev.kerasj.datasets;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Batches {@code 0 … count−1} made by {@code task} on background threads and handed out in order, with at
 * most {@code depth} made ahead: the memory held is bounded by {@code depth} batches whatever the data
 * size. With one thread the tasks run one after another in order, so a task may read a stream
 * sequentially. An error in a task is thrown by {@link #next} for that batch.
 */
final class Prefetcher implements Dataset.Passes {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final IntFunction<Batch> task;
    private final int count;
    private final int depth;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Batch>> ahead = new ArrayDeque<>();
    private final Runnable onClose;
    private int submitted;
    private int delivered;
    private boolean closed;

    Prefetcher(int count, IntFunction<Batch> task, int threads, int depth, String name, Runnable onClose) {
        this.task = task;
        this.count = count;
        this.depth = Math.max(1, depth);
        this.onClose = onClose;
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, name + "-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        fill();
    }

    private void fill() {
        while (!closed && submitted < count && ahead.size() < depth) {
            int i = submitted++;
            ahead.add(pool.submit(() -> task.apply(i)));
        }
    }

    @Override
    public boolean hasNext() {
        if (!closed && delivered >= count) {
            close();
        }
        return !closed && delivered < count;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The pass over the data set has ended.");
        }
        Future<Batch> f = ahead.poll();
        try {
            Batch b = f.get();
            delivered++;
            fill();
            return b;
        } catch (ExecutionException e) {
            close();
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new DatasetException(c.getMessage(), c);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new DatasetException("Interrupted while waiting for the next batch.", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ahead.forEach(f -> f.cancel(true));
        ahead.clear();
        pool.shutdownNow();
        if (onClose != null) {
            onClose.run();
        }
    }
}
