package dev.spinel.ops.monitor;

import dev.spinel.ops.admin.AdminSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every node of one topology once per period, all nodes at once, and hands each snapshot to
 * the consumer. A node that takes longer than the period is unreachable for that poll; one poll's
 * failure never stops the next.
 */
public final class Poller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final WatchTarget target;
    private final Duration period;
    private final Duration timeout;
    private final Clock clock;
    private final AdminSession admin;
    private final NodeProbe probe;
    /**
     * A platform thread per node sampled: the connections block. Not virtual threads: once a JVM
     * has used them, its exit waits up to 0.3 s for their unblocker thread, which sits in native
     * code (JDK 25), and a command that polls once would pay that on every run.
     */
    private final ExecutorService probes = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().daemon().name("spinel-probe-", 0).factory());
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "spinel-poller");
        thread.setDaemon(true);
        return thread;
    });
    private long sequence;

    /** Polls every {@code period}; a node gets most of a period to answer, a slower one is shown as not answering. */
    public Poller(WatchTarget target, Duration period, Clock clock) {
        this(target, period, timeoutFor(period), clock);
    }

    public Poller(WatchTarget target, Duration period, Duration timeout, Clock clock) {
        this.target = target;
        this.period = period;
        this.timeout = timeout;
        this.clock = clock;
        this.admin = new AdminSession(target.password(), timeout);
        this.probe = new NodeProbe(admin);
    }

    static Duration timeoutFor(Duration period) {
        Duration timeout = period.multipliedBy(8).dividedBy(10);
        return timeout.compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200) : timeout;
    }

    /** Polls at once, then every period, handing each snapshot to {@code consumer}. */
    public void start(Consumer<Snapshot> consumer) {
        ticks.scheduleAtFixedRate(() -> {
            try {
                consumer.accept(pollOnce());
            } catch (RuntimeException e) {
                LOG.warn("poll of {} failed: {}", target.name(), e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One poll of every node by a poller made for it, for commands that look once (backup, restore, drill). */
    public static Snapshot once(WatchTarget target, Duration timeout, Clock clock) {
        try (Poller poller = new Poller(target, Duration.ofSeconds(1), timeout, clock)) {
            return poller.pollOnce();
        }
    }

    /** One poll of every node, now. */
    public Snapshot pollOnce() {
        List<Future<NodeSample>> pending = new ArrayList<>();
        for (NodeRef node : target.nodes()) {
            pending.add(probes.submit(() -> probe.sample(node, target.expected().masterName())));
        }
        // Connecting and each command have their own timeout; this bounds a node whose replies trickle.
        long deadline = System.nanoTime() + timeout.multipliedBy(3).toNanos();
        List<NodeSample> samples = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            NodeRef node = target.nodes().get(i);
            try {
                samples.add(pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                pending.get(i).cancel(true);
                samples.add(NodeSample.unreachable(node, "no answer within " + timeout.multipliedBy(3).toMillis() + " ms"));
            } catch (ExecutionException e) {
                samples.add(NodeSample.unreachable(node, String.valueOf(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                samples.add(NodeSample.unreachable(node, "poll interrupted"));
            }
        }
        return Snapshot.of(++sequence, clock.instant(), target.name(), target.expected(), samples);
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        probes.shutdownNow();
        admin.close();
    }
}
