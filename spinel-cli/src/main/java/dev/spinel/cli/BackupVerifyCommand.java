package dev.spinel.cli;

import dev.spinel.ops.backup.BackupVerifier;
import dev.spinel.ops.backup.Backups;
import dev.spinel.ops.process.BinaryResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a backup: every file's SHA-256, then load it into a throwaway redis-server and compare key counts.")
final class BackupVerifyCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Parameters(index = "0", paramLabel = "ID", description = "The backup's id (see `spinel backups`).")
    String id;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where backups are (default: <project>/backups).")
    Path backupDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BackupVerifier.Report report = BackupVerifier.verify(Backups.store(project.dir, Optional.ofNullable(backupDir)),
                id, BinaryResolver.fromEnvironment(Optional.empty()).resolve());
        PrintWriter out = spec.commandLine().getOut();
        if (report.ok()) {
            out.println("Backup " + id + " is sound: checksums match and it loads with " + report.loaded().keys());
        } else {
            out.println("Backup " + id + " is NOT sound:");
            report.problems().forEach(problem -> out.println("  " + problem));
        }
        out.flush();
        return report.ok() ? 0 : ExitCodes.FAILED;
    }
}
