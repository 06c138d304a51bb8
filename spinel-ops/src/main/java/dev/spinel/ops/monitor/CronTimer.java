package dev.spinel.ops.monitor;

import dev.spinel.ops.topology.CronSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job of the console at the times of a cron schedule, on a thread of its own. A run that
 * was missed (the console was down, or the previous run took long) is not made up: the next one
 * is the schedule's next time after now.
 */
public final class CronTimer implements AutoCloseable {
    private final CronSchedule schedule;
    private final Clock clock;
    private final Runnable job;
    private final ScheduledExecutorService timer;
    private Instant next;

    public CronTimer(String threadName, CronSchedule schedule, Clock clock, Runnable job) {
        this.schedule = schedule;
        this.clock = clock;
        this.job = job;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.next = schedule.nextAfter(clock.instant());
    }

    /** When the job is next due. */
    public synchronized Instant next() {
        return next;
    }

    public void start() {
        arm();
    }

    private void arm() {
        long delay = Math.max(0, Duration.between(clock.instant(), next()).toMillis());
        timer.schedule(() -> {
            runIfDue(clock.instant());
            arm();
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Runs the job if it is due at {@code now}, then moves on to the next time; says whether it ran. */
    public boolean runIfDue(Instant now) {
        synchronized (this) {
            if (now.isBefore(next)) {
                return false;
            }
            next = schedule.nextAfter(now);
        }
        job.run();
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
