package dev.spinel.client.lock;

import dev.spinel.client.connect.SpinelClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Increments a shared counter under a lock with a read-modify-write that would lose updates if
 * two holders ever overlapped, and counts overlaps seen directly (an "inside" marker). Run in
 * this JVM by the tests, and as a separate JVM through {@link #main} for cross-process exclusion.
 */
public final class ExclusionWorker {
    private ExclusionWorker() {
    }

    /** @return how many times this worker found another holder inside the critical section */
    static int run(SpinelClient client, LockManager locks, String name, String counter, String inside, int rounds) {
        int overlaps = 0;
        for (int i = 0; i < rounds; i++) {
            try (Lock lock = locks.acquire(name, Duration.ofSeconds(30), Duration.ofSeconds(60))) {
                if (client.sync().incr(inside) != 1) {
                    overlaps++;
                }
                String value = client.sync().get(counter);
                long next = (value == null ? 0 : Long.parseLong(value)) + 1;
                client.sync().set(counter, Long.toString(next));
                client.sync().decr(inside);
            }
        }
        return overlaps;
    }

    /** args: uri, lock name, counter key, inside key, threads, rounds per thread. Prints the overlap count. */
    public static void main(String[] args) throws Exception {
        try (SpinelClient client = SpinelClient.create(args[0]); LockManager locks = LockManager.create(client)) {
            int threads = Integer.parseInt(args[4]);
            int rounds = Integer.parseInt(args[5]);
            List<CompletableFuture<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(CompletableFuture.supplyAsync(() -> run(client, locks, args[1], args[2], args[3], rounds)));
            }
            int overlaps = 0;
            for (CompletableFuture<Integer> worker : workers) {
                overlaps += worker.get();
            }
            System.out.println("overlaps=" + overlaps);
        }
    }
}
