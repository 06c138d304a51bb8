package dev.spinel.ops.warm;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.warm.CacheWarmer;
import dev.spinel.client.warm.WarmReport;
import dev.spinel.ops.monitor.ClientUri;
import dev.spinel.ops.monitor.WatchTarget;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.function.LongConsumer;

/** {@code spinel warm}: a warming file loaded into the project's running topology through the toolkit's warmer. */
public final class Warming {
    /** What to load and how. */
    public record Request(Path projectDir, Path file, WarmFile.Format format, int parallelism, int batchSize,
                          int sampleSize) {
    }

    /** The warmer's report, and the file's malformed lines (skipped; the rest was loaded). */
    public record Result(WarmReport report, SortedMap<Long, String> skipped, String skippedLines) {
    }

    private Warming() {
    }

    public static Result run(Request request, LongConsumer progress) {
        WarmFile file = new WarmFile(request.file(), request.format());
        String uri = ClientUri.of(WatchTarget.ofProject(request.projectDir()));
        try (SpinelClient client = SpinelClient.create(uri)) {
            WarmReport report = CacheWarmer.builder(client).parallelism(request.parallelism())
                    .batchSize(request.batchSize()).sampleSize(request.sampleSize()).build().warm(file, progress);
            return new Result(report, file.skipped(), file.describeSkipped(20));
        }
    }
}
