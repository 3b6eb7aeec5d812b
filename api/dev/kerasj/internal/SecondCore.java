package dev.kerasj.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.concurrent.locks.LockSupport;

/**
 * The second core for work too short to hand to a pool: one daemon thread that, after each task, keeps polling
 * for the next one for {@link #SPIN_NANOS} before it sleeps, as OpenMP's worker threads do between parallel
 * regions. A fork-join task costs the caller ~20 µs until a sleeping worker runs it (measured), as long as a
 * one-image predict's whole product; a polling thread starts a task within a microsecond. A caller that finds the
 * thread asleep does all the work itself and wakes it, so an isolated call never waits for a wake-up, and a run of
 * calls (a serving loop) gets both cores from its second call on.
 *
 * <pre>{@code
 * SecondCore.Job j = SecondCore.offer(() -> half(1));
 * half(0);
 * if (j != null) j.await(); else half(1);
 * }</pre>
 *
 * <p>Longer work that both threads can run at once, each taking the next piece until none is left ({@link #share}),
 * is posted even to a sleeping thread: the caller starts at once and the thread joins when it wakes (tens of
 * microseconds); if it has not started by the time the caller ran out of pieces, the caller withdraws the job. The
 * thread then sleeps at once instead of polling, so it takes no core from the native BLAS threads that run next.
 */
public final class SecondCore {
    /** How long the thread polls for work after a task before it sleeps: 2 ms (OpenMP's default spin is longer). */
    static final long SPIN_NANOS = 2_000_000L;

    /** How long a caller polls for the second core's part of a job before it yields its core between polls: 20 µs. */
    static final long AWAIT_SPIN_NANOS = 20_000L;

    private static final int ASLEEP = 0;
    private static final int POLLING = 1;
    private static final int POSTED = 2;

    private static final AtomicInteger STATE = new AtomicInteger(ASLEEP);
    private static volatile Job posted;
    private static final Thread THREAD = start();

    /** Work handed to the second core, and its outcome. */
    public static final class Job {
        private static final int OPEN = 0;
        private static final int TAKEN = 1;
        private static final int WITHDRAWN = 2;

        private final Runnable work;
        private final long spinAfter;
        private final AtomicInteger claim = new AtomicInteger(OPEN);
        private volatile boolean done;
        private Throwable failure;

        private Job(Runnable work, long spinAfter) {
            this.work = work;
            this.spinAfter = spinAfter;
        }

        /**
         * For a {@link #share shared} job, once the caller's own run has returned: withdraws the job when the thread
         * has not started it, else waits until its run returns; rethrows what that run threw.
         */
        public void finish() {
            if (!claim.compareAndSet(OPEN, WITHDRAWN)) {
                await();
            }
        }

        /**
         * Waits until the work is done; rethrows what it threw. Polls for {@link #AWAIT_SPIN_NANOS}, then yields the
         * core between polls: the second core's thread may be waiting for a core itself (behind the JIT's compiler
         * threads in a JVM's first seconds), and a caller polling without end would keep it off the core it polls for.
         */
        public void await() {
            long spinUntil = 0;
            for (int polls = 0; !done; polls++) {
                if (polls < 64) {
                    Thread.onSpinWait();
                } else if (spinUntil == 0) {
                    spinUntil = System.nanoTime() + AWAIT_SPIN_NANOS;
                } else if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }
    }

    private SecondCore() {
    }

    private static Thread start() {
        Thread t = new Thread(SecondCore::loop, "kerasj-second-core");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Hands {@code work} to the second core when it is polling: the job, which the caller must {@link Job#await};
     * {@code null} when the thread is asleep (it is woken for the calls to come) or busy: the caller runs it itself.
     */
    public static synchronized Job offer(Runnable work) {
        if (STATE.get() != POLLING) {
            if (STATE.compareAndSet(ASLEEP, POLLING)) {
                LockSupport.unpark(THREAD);
            }
            return null;
        }
        Job j = new Job(work, SPIN_NANOS);
        posted = j;
        return STATE.compareAndSet(POLLING, POSTED) ? j : null;   // else it fell asleep meanwhile
    }

    /**
     * Posts {@code work} that the caller runs too, {@code work} being safe to run on two threads at once (each run
     * takes pieces from a shared counter until none is left); the thread is woken if it sleeps and sleeps again right
     * after. The job, which the caller must {@link Job#finish} after its own run; {@code null} when the thread is busy
     * with another caller's job (the caller's run then does all the work).
     */
    public static synchronized Job share(Runnable work) {
        if (STATE.get() == POSTED) {
            return null;
        }
        Job j = new Job(work, 0);
        posted = j;   // read by the thread only after one of the transitions below
        if (STATE.compareAndSet(POLLING, POSTED)) {
            return j;
        }
        if (STATE.compareAndSet(ASLEEP, POSTED)) {
            LockSupport.unpark(THREAD);
            return j;
        }
        return null;
    }

    /** Whether there is a second core to share with (the JVM's count when the class loaded). */
    private static final boolean TWO_CORES = Runtime.getRuntime().availableProcessors() >= 2;

    /**
     * {@code body.accept(p)} for every piece {@code p < pieces}, each exactly once, taken in order from a shared counter
     * by the caller and, once it is awake and free, the second core ({@link #share}). The pieces are fixed by the
     * caller, so what each computes does not depend on which thread runs it. Returns when every piece is done;
     * rethrows what either thread threw.
     *
     * <pre>{@code
     * SecondCore.forEachPiece(blocks, b -> pool(b * perBlock, Math.min(n, (b + 1) * perBlock)));
     * }</pre>
     */
    public static void forEachPiece(int pieces, IntConsumer body) {
        if (pieces < 2 || !TWO_CORES) {
            for (int p = 0; p < pieces; p++) {
                body.accept(p);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int p = next.getAndIncrement(); p < pieces; p = next.getAndIncrement()) {
                body.accept(p);
            }
        };
        Job second = share(work);
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            next.set(pieces);   // the second core stops after its current piece
            if (second != null) {
                try {
                    second.finish();
                } catch (RuntimeException | Error ignored) {
                    e.addSuppressed(ignored);
                }
            }
            throw e;
        }
        if (second != null) {
            second.finish();
        }
    }

    private static void loop() {
        while (true) {
            long until = System.nanoTime() + SPIN_NANOS;
            while (true) {
                if (STATE.get() == POSTED) {
                    Job j = posted;
                    if (j.claim.compareAndSet(Job.OPEN, Job.TAKEN)) {
                        try {
                            j.work.run();
                        } catch (Throwable t) {
                            j.failure = t;
                        }
                    }
                    j.done = true;
                    STATE.set(POLLING);
                    until = System.nanoTime() + j.spinAfter;
                } else if (System.nanoTime() > until && STATE.compareAndSet(POLLING, ASLEEP)) {
                    break;
                } else {
                    Thread.onSpinWait();
                }
            }
            while (STATE.get() == ASLEEP) {
                LockSupport.park(SecondCore.class);
            }
        }
    }
}
