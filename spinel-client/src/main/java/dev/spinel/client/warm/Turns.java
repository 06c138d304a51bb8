package dev.spinel.client.warm;

/**
 * Runs numbered pieces of work one at a time in number order, whichever thread brings each: the
 * warmer's batches for one shard are handed out in input order to several sender threads, and a
 * key given twice must end with its later value. A piece that fails still passes the turn on, so
 * the pieces after it run (and fail on their own) rather than wait for a turn that never comes.
 */
final class Turns {
    private long issued;
    private long current;

    /** A number for the next piece; called in input order by the one thread that hands pieces out. */
    synchronized long issue() {
        return issued++;
    }

    /** Waits until every piece numbered below {@code ticket} has run, then runs this one. */
    void run(long ticket, Work work) throws Exception {
        synchronized (this) {
            while (current != ticket) {
                wait();
            }
        }
        try {
            work.run();
        } finally {
            synchronized (this) {
                current++;
                notifyAll();
            }
        }
    }

    /** A piece of work that may fail. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
