package dev.kerasj.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The polling second core runs each job handed to it exactly once, wakes when asked, and passes failures back. */
class SecondCoreTest {
    /** Offers until the (possibly sleeping) thread polls and takes the job; every declined offer ran nowhere. */
    private static SecondCore.Job handOver(Runnable work) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            SecondCore.Job j = SecondCore.offer(work);
            if (j != null) {
                return j;
            }
            Thread.sleep(1);
        }
        return fail("the second core never took a job");
    }

    @Test
    void runsEachJobOnceOnAnotherThread() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Thread[] ranOn = new Thread[1];
        handOver(() -> {
            runs.incrementAndGet();
            ranOn[0] = Thread.currentThread();
        }).await();
        assertEquals(1, runs.get());
        assertNotSame(Thread.currentThread(), ranOn[0]);
        int done = 0;
        for (int i = 0; i < 1000; i++) {   // back to back, as a serving loop: declined offers are run by the caller
            SecondCore.Job j = SecondCore.offer(runs::incrementAndGet);
            if (j == null) {
                runs.incrementAndGet();
            } else {
                j.await();
            }
            done++;
        }
        assertEquals(1 + done, runs.get());
    }

    @Test
    void aFailureReachesTheCaller() throws InterruptedException {
        SecondCore.Job j = handOver(() -> {
            throw new IllegalArgumentException("from the second core");
        });
        assertEquals("from the second core", assertThrows(IllegalArgumentException.class, j::await).getMessage());
        handOver(() -> { }).await();   // and the thread goes on
    }

    @Test
    void callersOnSeveralThreadsEachGetTheirOwnJob() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Thread[] callers = new Thread[3];
        for (int t = 0; t < callers.length; t++) {
            callers[t] = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    SecondCore.Job j = SecondCore.offer(runs::incrementAndGet);
                    if (j == null) {
                        runs.incrementAndGet();
                    } else {
                        j.await();
                    }
                }
            });
            callers[t].start();
        }
        for (Thread c : callers) {
            c.join();
        }
        assertEquals(3 * 2000, runs.get());
    }

    @Test
    void aSharedJobRunsOnBothThreadsOrIsWithdrawn() throws InterruptedException {
        AtomicInteger helperRuns = new AtomicInteger();
        Thread caller = Thread.currentThread();
        int taken = 0;
        for (int i = 0; i < 200; i++) {
            AtomicInteger pieces = new AtomicInteger(64);
            AtomicInteger done = new AtomicInteger();
            Runnable work = () -> {
                if (Thread.currentThread() != caller) {
                    helperRuns.incrementAndGet();
                }
                while (pieces.getAndDecrement() > 0) {
                    done.incrementAndGet();
                    java.util.concurrent.locks.LockSupport.parkNanos(1000);
                }
            };
            SecondCore.Job j = SecondCore.share(work);
            work.run();
            if (j != null) {
                j.finish();
                taken++;
            }
            assertEquals(64, done.get(), "every piece done once the job is finished");
        }
        assertTrue(taken > 0, "the thread was free for some shared jobs");
        assertTrue(helperRuns.get() > 0, "the thread joined some shared job");
        handOver(() -> { }).await();   // and offers still reach it
    }
}
