package dev.spinel.cli;

import dev.spinel.ops.audit.ScheduledAudits;
import dev.spinel.ops.backup.ConsoleBackups;
import dev.spinel.ops.backup.ScheduledBackups;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.project.SpecLoader;
import dev.spinel.ops.topology.BackupSchedule;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.monitor.Webhook;
import dev.spinel.ops.project.ConsoleRecord;
import dev.spinel.ops.web.ConsoleServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the console: poll every node, keep health, time series and events, and serve the "
                + "dashboard, the JSON API and Prometheus /metrics. `spinel up` starts one in the background."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    ConsoleOptions console;

    @Spec
    CommandSpec spec;

    /** The project's spec, for its backup: and audit: blocks; a spec that does not read only costs the schedules. */
    private Optional<dev.spinel.ops.topology.Spec> storedSpec(Path root) {
        try {
            return Optional.of(SpecLoader.load(root, Optional.empty(), SpecDraft.empty()).resolved().spec());
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("warning: no scheduled backups or audits: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        WatchTarget target = console.target(project.dir);
        Optional<Webhook> webhook = Optional.ofNullable(console.webhook).map(URI::create).map(Webhook::new);
        Monitor monitor = new Monitor(target, Duration.ofMillis(console.intervalMillis), webhook, Clock.systemUTC());
        Optional<Path> root = target.projectRoot();
        Optional<dev.spinel.ops.topology.Spec> stored = root.flatMap(this::storedSpec);
        Optional<BackupSchedule> schedule = stored.flatMap(s -> s.backup());
        // One backup folder per console: the schedule's, when the spec names one.
        Optional<ConsoleBackups> consoleBackups = root.map(dir -> new ConsoleBackups(dir,
                schedule.flatMap(BackupSchedule::dir).map(Path::of), SpinelVersion.version(), monitor,
                Clock.systemUTC()));
        ConsoleServer server = new ConsoleServer(monitor, console.token(), consoleBackups);
        monitor.start();
        server.start(console.host, console.port);
        String url = "http://" + console.host + ":" + server.port() + "/";
        root.ifPresent(dir -> ConsoleRecord.ofThisProcess(url).write(dir));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Console for " + target.name() + " on " + url + " (polling every " + console.intervalMillis
                + " ms; Ctrl-C stops it)");
        Optional<ScheduledBackups> backups = schedule.map(timing -> new ScheduledBackups(consoleBackups.orElseThrow(),
                timing, Clock.systemUTC()));
        backups.ifPresent(scheduled -> {
            scheduled.start();
            out.println("Scheduled backups: next at " + scheduled.next());
        });
        Optional<ScheduledAudits> audits = stored.flatMap(s -> s.audit()).map(timing -> new ScheduledAudits(
                root.orElseThrow(), timing, monitor, Clock.systemUTC()));
        audits.ifPresent(scheduled -> {
            scheduled.start();
            out.println("Scheduled audits: next at " + scheduled.next());
        });
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            backups.ifPresent(ScheduledBackups::close);
            audits.ifPresent(ScheduledAudits::close);
            server.close();
            monitor.close();
            target.projectRoot().ifPresent(ConsoleRecord::removeIfOurs);
            stopped.countDown();
        }, "spinel-console-stop"));
        stopped.await();
        return 0;
    }
}
