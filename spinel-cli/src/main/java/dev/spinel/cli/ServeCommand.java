package dev.spinel.cli;

import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.monitor.Webhook;
import dev.spinel.ops.project.ConsoleRecord;
import dev.spinel.ops.web.ConsoleServer;
import java.io.PrintWriter;
import java.net.URI;
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
        description = {"Run the console: poll every node, keep health, time series and events, and serve the",
                "dashboard, the JSON API and Prometheus /metrics. `spinel up` starts one in the background."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    ConsoleOptions console;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        WatchTarget target = console.target(project.dir);
        Optional<Webhook> webhook = Optional.ofNullable(console.webhook).map(URI::create).map(Webhook::new);
        Monitor monitor = new Monitor(target, Duration.ofMillis(console.intervalMillis), webhook, Clock.systemUTC());
        ConsoleServer server = new ConsoleServer(monitor, console.token());
        monitor.start();
        server.start(console.host, console.port);
        String url = "http://" + console.host + ":" + server.port() + "/";
        target.projectRoot().ifPresent(root -> ConsoleRecord.ofThisProcess(url).write(root));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Console for " + target.name() + " on " + url + " (polling every " + console.intervalMillis
                + " ms; Ctrl-C stops it)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            monitor.close();
            target.projectRoot().ifPresent(ConsoleRecord::removeIfOurs);
            stopped.countDown();
        }, "spinel-console-stop"));
        stopped.await();
        return 0;
    }
}
