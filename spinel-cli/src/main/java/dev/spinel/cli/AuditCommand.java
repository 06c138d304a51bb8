package dev.spinel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spinel.client.audit.ConsistencyAudit;
import dev.spinel.ops.audit.Audits;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Compare every primary with each of its replicas key by key (SCAN, DUMP, expiry), after "
                + "letting replication catch up; report missing, extra and differing keys.",
                "Exit 0 when clean, 1 when not, 3 when a failover or a lagging replica made a pair inconclusive."})
final class AuditCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Option(names = "--repair", description = "Rewrite differing and missing keys from the primary, delete extra ones through it; then audit again.")
    boolean repair;

    @Option(names = "--json", description = "Print the pairs as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Audits.Result result = Audits.run(project.dir, repair);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            print(out, "", result.found());
            if (!result.afterRepair().isEmpty()) {
                print(out, "after repair: ", result.afterRepair());
            }
        }
        out.flush();
        List<ConsistencyAudit.PairReport> last = result.afterRepair().isEmpty() ? result.found() : result.afterRepair();
        if (last.stream().anyMatch(pair -> !pair.inconclusive().isEmpty())) {
            return ExitCodes.BLOCKED;
        }
        return last.stream().allMatch(ConsistencyAudit.PairReport::clean) ? 0 : ExitCodes.FAILED;
    }

    private static void print(PrintWriter out, String prefix, List<ConsistencyAudit.PairReport> pairs) {
        for (ConsistencyAudit.PairReport pair : pairs) {
            if (!pair.inconclusive().isEmpty()) {
                out.printf("%s%s -> %s: inconclusive: %s%n", prefix, pair.primary(), pair.replica(), pair.inconclusive());
                continue;
            }
            out.printf("%s%s -> %s: %d keys compared, %d missing, %d extra, %d differing%s%n", prefix, pair.primary(),
                    pair.replica(), pair.keysCompared(), pair.missing().size(), pair.extra().size(),
                    pair.differing().size(), pair.repaired() ? " (repaired)" : "");
            for (String key : first(pair.missing())) {
                out.printf("  missing on the replica: %s%n", key);
            }
            for (String key : first(pair.extra())) {
                out.printf("  extra on the replica: %s%n", key);
            }
            for (String key : first(pair.differing())) {
                out.printf("  differs: %s%n", key);
            }
        }
    }

    private static List<String> first(List<String> keys) {
        return keys.subList(0, Math.min(keys.size(), 10));
    }
}
