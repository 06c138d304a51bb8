package dev.spinel.ops.audit;

import dev.spinel.client.audit.ConsistencyAudit;
import dev.spinel.client.connect.SpinelClient;
import dev.spinel.ops.monitor.ClientUri;
import dev.spinel.ops.monitor.WatchTarget;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code spinel audit}: the toolkit's consistency audit run against the project's topology;
 * with repair, the audit runs again afterwards to show what is left.
 */
public final class Audits {
    /** The audit as found, and (after a repair) as found again. */
    public record Result(List<ConsistencyAudit.PairReport> found, List<ConsistencyAudit.PairReport> afterRepair) {
    }

    private Audits() {
    }

    public static Result run(Path projectDir, boolean repair) {
        try (SpinelClient client = SpinelClient.create(ClientUri.of(WatchTarget.ofProject(projectDir)))) {
            List<ConsistencyAudit.PairReport> found = ConsistencyAudit.run(client, repair);
            boolean repaired = found.stream().anyMatch(ConsistencyAudit.PairReport::repaired);
            return new Result(found, repaired ? ConsistencyAudit.run(client, false) : List.of());
        }
    }
}
