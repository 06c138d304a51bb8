package dev.spinel.cli;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.project.AtomicFiles;
import dev.spinel.ops.web.GrafanaDashboard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a Grafana dashboard (JSON, import it in Grafana) over the console's /metrics.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHAT", description = "What to export: grafana.")
    String what;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!"grafana".equals(what)) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "cannot export '" + what + "': only 'grafana' is known");
        }
        String json = GrafanaDashboard.json();
        if (output == null) {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            AtomicFiles.write(output, json);
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot write " + output + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("Wrote " + output + " (Grafana: Dashboards > Import, choose your Prometheus)");
        return 0;
    }
}
