package dev.spinel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spinel.ops.backup.BackupMetadata;
import dev.spinel.ops.backup.Backups;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backups", mixinStandardHelpOptions = true, description = "List complete backups, newest first.")
final class BackupsCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where backups are (default: <project>/backups).")
    Path backupDir;

    @Option(names = "--json", description = "Print each backup's backup.json as a JSON array.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        List<BackupMetadata> backups = Backups.store(project.dir, Optional.ofNullable(backupDir)).list();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(backups));
        } else if (backups.isEmpty()) {
            out.println("No backups yet: `spinel backup` makes one.");
        } else {
            out.printf("%-20s %-22s %-5s %-12s %10s %12s%n", "ID", "TIME", "TYPE", "MODE", "SIZE", "KEYS");
            for (BackupMetadata b : backups) {
                out.printf("%-20s %-22s %-5s %-12s %10s %12d%n", b.id(), b.createdAt().replaceAll("\\.\\d+Z$", "Z"),
                        b.type(), b.mode(), size(b.totalBytes()), b.totalKeys());
            }
        }
        out.flush();
        return 0;
    }

    static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
