package dev.spinel.cli;

import dev.spinel.ops.Choices;
import dev.spinel.client.warm.CacheWarmer;
import dev.spinel.client.warm.WarmReport;
import dev.spinel.ops.SpinelException;
import dev.spinel.ops.warm.WarmFile;
import dev.spinel.ops.warm.Warming;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "warm", mixinStandardHelpOptions = true,
        description = {"Load a file of entries into the running topology: grouped by shard and hash slot (one MSET "
                + "for a slot's entries), pipelined, critical entries first, then a sample read back from "
                + "primaries and replicas.",
                "JSON lines ({\"key\":..,\"value\":..,\"ttl\":s,\"critical\":true}) or CSV "
                + "(key,value[,ttl[,critical]]). Malformed lines are skipped and reported by number; the rest is "
                + "loaded."})
final class WarmCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Parameters(index = "0", paramLabel = "FILE", description = "The entries: .jsonl or .csv.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl or csv (default: from the file name).")
    String format;

    @Option(names = "--parallelism", defaultValue = "" + CacheWarmer.DEFAULT_PARALLELISM,
            description = "Batches in flight at once, each one shard's (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--batch", defaultValue = "" + CacheWarmer.DEFAULT_BATCH_SIZE,
            description = "Entries per pipelined batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--sample", defaultValue = "" + CacheWarmer.DEFAULT_SAMPLE_SIZE,
            description = "Loaded keys read back afterwards (default ${DEFAULT-VALUE}; 0: none).")
    int sample;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (parallelism < 1 || batch < 1 || sample < 0) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT,
                    "--parallelism and --batch must be at least 1, --sample at least 0");
        }
        WarmFile.Format chosen = format == null ? WarmFile.Format.of(file)
                : Choices.of("--format", format, WarmFile.Format.class);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Warming.Result result;
        try (ByteProgress progress = ByteProgress.countingOnTerminal(err, "keys")) {
            result = Warming.run(new Warming.Request(project.dir, file, chosen, parallelism, batch, sample), progress);
        }
        WarmReport report = result.report();
        out.printf(Locale.ROOT, "Loaded %,d keys in %.1f s (%,.0f keys/s), %,d failed%s%n", report.loaded(),
                report.took().toMillis() / 1000.0, report.keysPerSecond(), report.failed(),
                report.firstFailure().isEmpty() ? "" : " (first: " + report.firstFailure() + ")");
        out.printf(Locale.ROOT, "Sample of %d: %d right on the primaries, %s%n", report.sampled(),
                report.rightOnPrimaries(), report.rightOnReplicas() < 0 ? "no replicas to ask"
                        : report.rightOnReplicas() + " right on replicas");
        if (!result.skipped().isEmpty()) {
            err.printf(Locale.ROOT, "spinel warm: skipped %,d malformed lines:%n%s", result.skipped().size(),
                    result.skippedLines());
        }
        out.flush();
        boolean wrong = report.failed() > 0 || report.rightOnPrimaries() < report.sampled()
                || report.rightOnReplicas() >= 0 && report.rightOnReplicas() < report.sampled();
        return wrong ? ExitCodes.FAILED : result.skipped().isEmpty() ? 0 : ExitCodes.BAD_INPUT;
    }
}
