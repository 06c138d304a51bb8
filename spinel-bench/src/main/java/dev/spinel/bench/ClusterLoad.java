package dev.spinel.bench;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What an application sees while slots move: threads reading and overwriting random keys of a
 * loaded cluster through Lettuce's cluster client with its default settings (MOVED and ASK
 * followed, no topology refresh), each command timed. Runs until the file {@code stop} appears in
 * the work folder, then reports for each window named in {@code windows} (lines
 * {@code name startMillis endMillis}, written by the script around each operation): commands,
 * failures, p50, p99 and the slowest.
 *
 * <p>Usage: {@code ClusterLoad host:port password keys threads workdir}
 */
public final class ClusterLoad {
    private record Sample(long startMillis, long micros, boolean failed) {
    }

    private ClusterLoad() {
    }

    public static void main(String[] args) throws Exception {
        String[] seed = args[0].split(":");
        String password = args[1];
        int keys = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        Path work = Path.of(args[4]);
        RedisClusterClient client = RedisClusterClient.create(RedisURI.builder().withHost(seed[0])
                .withPort(Integer.parseInt(seed[1])).withPassword(password.toCharArray()).build());
        AtomicBoolean running = new AtomicBoolean(true);
        List<List<Sample>> samples = new ArrayList<>();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Sample> mine = new ArrayList<>(1 << 20);
            samples.add(mine);
            StatefulRedisClusterConnection<String, String> connection = client.connect();
            workers.add(Thread.ofPlatform().start(() -> run(connection.sync(), keys, running, mine, failures)));
        }
        Files.writeString(work.resolve("load.ready"), "");
        while (!Files.exists(work.resolve("stop"))) {
            Thread.sleep(100);
        }
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        client.shutdown();
        report(Files.readAllLines(work.resolve("windows")), samples, failures);
    }

    private static void run(RedisAdvancedClusterCommands<String, String> redis, int keys, AtomicBoolean running,
                            List<Sample> samples, Map<String, Integer> failures) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            String key = "key:%012d".formatted(random.nextInt(keys));
            long wall = System.currentTimeMillis();
            long start = System.nanoTime();
            boolean failed = false;
            try {
                if (random.nextBoolean()) {
                    redis.get(key);
                } else {
                    redis.set(key, "v" + start);
                }
            } catch (RuntimeException e) {
                failed = true;
                failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
            }
            samples.add(new Sample(wall, (System.nanoTime() - start) / 1_000, failed));
        }
    }

    private static void report(List<String> windows, List<List<Sample>> samples, Map<String, Integer> failures) {
        System.out.println("| window | length | commands | failed | p50 | p99 | slowest |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String line : windows) {
            String[] w = line.trim().split("\\s+");
            if (w.length != 3) {
                continue;
            }
            long from = Long.parseLong(w[1]);
            long to = Long.parseLong(w[2]);
            List<Sample> in = samples.stream().flatMap(List::stream)
                    .filter(s -> s.startMillis() >= from && s.startMillis() <= to).toList();
            long[] micros = in.stream().mapToLong(Sample::micros).sorted().toArray();
            long slowestAt = in.stream().max(java.util.Comparator.comparingLong(Sample::micros))
                    .map(s -> s.startMillis() - from).orElse(0L);
            long failed = samples.stream().flatMap(List::stream)
                    .filter(s -> s.failed() && s.startMillis() >= from && s.startMillis() <= to).count();
            if (micros.length == 0) {
                System.out.printf("| %s | - | 0 | - | - | - | - |%n", w[0]);
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f s | %,d | %d | %.2f ms | %.2f ms | %.1f ms (at %.1f s) |%n", w[0],
                    (to - from) / 1000.0, micros.length, failed, at(micros, 0.50) / 1000.0, at(micros, 0.99) / 1000.0,
                    micros[micros.length - 1] / 1000.0, slowestAt / 1000.0);
        }
        new TreeMap<>(failures).forEach((what, count) -> System.out.println("failed " + count + "x: " + what));
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
