package dev.spinel.ops.audit;

import dev.spinel.client.audit.ConsistencyAudit;
import dev.spinel.ops.monitor.AuditRuns;
import dev.spinel.ops.monitor.CronTimer;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.MonitorEvent;
import dev.spinel.ops.topology.AuditSchedule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consistency audits {@code spinel serve} runs on the spec's {@code audit:} schedule. Each
 * result is an {@code audit} event (clean, differences with the keys' counts, inconclusive, or
 * failed) and the console's audit metrics.
 */
public final class ScheduledAudits implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledAudits.class);

    private final Path projectDir;
    private final AuditSchedule schedule;
    private final Monitor monitor;
    private final Clock clock;
    private final CronTimer timer;

    public ScheduledAudits(Path projectDir, AuditSchedule schedule, Monitor monitor, Clock clock) {
        this.projectDir = projectDir;
        this.schedule = schedule;
        this.monitor = monitor;
        this.clock = clock;
        this.timer = new CronTimer("spinel-scheduled-audits", schedule.schedule(), clock, this::audit);
    }

    public Instant next() {
        return timer.next();
    }

    public void start() {
        timer.start();
    }

    /** Runs the audit if it is due at {@code now}; says whether it ran. */
    public boolean runIfDue(Instant now) {
        return timer.runIfDue(now);
    }

    private void audit() {
        Instant start = clock.instant();
        try {
            List<ConsistencyAudit.PairReport> pairs = Audits.run(projectDir, schedule.repair()).found();
            AuditRuns.Run run = new AuditRuns.Run(clock.instant(), Duration.between(start, clock.instant()),
                    sum(pairs, ConsistencyAudit.PairReport::keysCompared), sum(pairs, p -> p.missing().size()),
                    sum(pairs, p -> p.extra().size()), sum(pairs, p -> p.differing().size()),
                    (int) pairs.stream().filter(p -> !p.inconclusive().isEmpty()).count(),
                    pairs.stream().anyMatch(ConsistencyAudit.PairReport::repaired), "");
            monitor.auditFinished(run);
            monitor.record(new MonitorEvent(clock.instant(), EventType.AUDIT, "", describe(run, pairs),
                    Map.of("result", result(run), "keys", Long.toString(run.keysCompared()),
                            "missing", Long.toString(run.missing()), "extra", Long.toString(run.extra()),
                            "differing", Long.toString(run.differing()))));
        } catch (RuntimeException e) {
            LOG.warn("scheduled audit failed: {}", e.getMessage());
            monitor.auditFinished(new AuditRuns.Run(clock.instant(), Duration.between(start, clock.instant()), 0, 0, 0,
                    0, 0, false, String.valueOf(e.getMessage())));
            monitor.record(new MonitorEvent(clock.instant(), EventType.AUDIT, "",
                    "scheduled audit failed: " + e.getMessage(), Map.of("result", "failed")));
        }
    }

    private static String result(AuditRuns.Run run) {
        if (run.inconclusivePairs() > 0) {
            return "inconclusive";
        }
        return run.missing() + run.extra() + run.differing() == 0 ? "clean" : "differences";
    }

    private static String describe(AuditRuns.Run run, List<ConsistencyAudit.PairReport> pairs) {
        String text = "scheduled audit " + result(run) + ": " + pairs.size() + " pairs, " + run.keysCompared()
                + " keys compared, " + run.missing() + " missing, " + run.extra() + " extra, " + run.differing()
                + " differing" + (run.repaired() ? " (repaired through the primary)" : "");
        String inconclusive = pairs.stream().filter(p -> !p.inconclusive().isEmpty())
                .map(p -> p.primary() + " -> " + p.replica() + ": " + p.inconclusive())
                .collect(Collectors.joining("; "));
        return inconclusive.isEmpty() ? text : text + "; inconclusive: " + inconclusive;
    }

    private static long sum(List<ConsistencyAudit.PairReport> pairs, ToLongFunction<ConsistencyAudit.PairReport> count) {
        return pairs.stream().mapToLong(count).sum();
    }

    @Override
    public void close() {
        timer.close();
    }
}
