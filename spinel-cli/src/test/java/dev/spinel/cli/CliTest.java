package dev.spinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
    @TempDir
    Path temp;

    @Test
    void versionNamesSpinelAndJava() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("spinel ").contains("Java ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "plan", "status", "secret", "down", "doctor", "generate-completion", "serve", "check",
            "export", "backup", "backups", "restore", "drill", "warm", "audit"})
    void everySubcommandHasHelp(String command) {
        // Picocli reports a description it cannot format (a lone % sign) on System.err, not the command's writer.
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            run = CliRun.of(command, "--help");
        } finally {
            System.setErr(stderr);
        }
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: spinel " + command);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void eachRegisteredNameIsItsCommandsOwnNameAndARunRegistersOnlyTheOneItNames() {
        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(Subcommands.names());
        for (String name : Subcommands.names()) {
            CommandLine alone = Main.commandLine(name, "--help");
            assertThat(alone.getSubcommands().keySet()).containsExactly(name);
            assertThat(new CommandLine(alone.getSubcommands().get(name).getCommand()).getCommandName()).isEqualTo(name);
        }
    }

    @Test
    void anUnknownCommandIsBadInputThatSuggestsTheNearestName() {
        CliRun run = CliRun.of("backpu");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("backpu").contains("backup");
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.out()).contains("up", "plan", "status", "secret", "down", "doctor", "serve", "check", "backup",
                "Exit codes");
    }

    @Test
    void badBackupOptionsAreBadInputThatNamesTheOption() {
        CliRun run = CliRun.of("backup", "--compress", "lz4", "--dir", "/nonexistent-spinel-project");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--compress", "lz4");
        CliRun partition = CliRun.of("drill", "--scenario", "partition", "--dir", "/nonexistent-spinel-project");
        assertThat(partition.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(partition.err()).contains("--scenario partition: expected one of kill-primary");
        CliRun tape = CliRun.of("backup", "--type", "tape", "--dir", "/nonexistent-spinel-project");
        assertThat(tape.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(tape.err()).contains("--type tape: expected one of rdb, aof, both");
    }

    @Test
    void theGrafanaExportIsADashboardOverSpinelsMetrics() {
        CliRun run = CliRun.of("export", "grafana");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"title\" : \"Spinel: Redis topology\"", "spinel_health_status",
                "redis_commands_processed_total");
        assertThat(CliRun.of("export", "kibana").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void completionScriptIsGenerated() {
        CliRun run = CliRun.of("generate-completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F").contains("spinel");
    }

    @Test
    void planPrintsNodesActionsAndRedactedConfigsAndTouchesNothing() {
        Path dir = temp.resolve("p");
        CliRun run = CliRun.of("plan", "--dir", dir.toString(), "--mode", "cluster");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("redis-7000", "slots 0-5460", "CLUSTER ADDSLOTSRANGE 0 5460 on redis-7000",
                "requirepass <secret: spinel secret>", "cluster-enabled yes");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aBrokenSpecFileExitsWithTwoNamingFileLineAndField() throws Exception {
        Path spec = temp.resolve("spinel.yaml");
        Files.writeString(spec, "mode: cluster\nshardz: 3\n");
        CliRun run = CliRun.of("plan", "--dir", temp.resolve("p").toString(), "-f", spec.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("spinel.yaml:2: shardz: unknown field");
    }

    @Test
    void anImpossibleSpecExitsWithTwo() {
        CliRun run = CliRun.of("plan", "--dir", temp.resolve("p").toString(), "--mode", "cluster", "--shards", "2");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--shards: a Redis Cluster needs at least 3 primaries");
    }

    @Test
    void anUnknownOptionExitsWithTwo() {
        CliRun run = CliRun.of("up", "--shardz", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'--shardz'", "Possible solutions: --shards");
    }

    @Test
    void commandsOutsideAProjectSayWhatToDo() {
        CliRun run = CliRun.of("status", "--dir", temp.resolve("none").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no Spinel project in").contains("spinel up");
    }

    @Test
    void doctorNamesTheBinaryItWillUse() {
        CliRun run = CliRun.of("doctor");
        assertThat(run.out()).contains("Redis binaries, in the order they are tried:", "bundled: Redis 7.0.15");
        if (run.exitCode() == 0) {
            assertThat(run.out()).contains("Will use: ");
        } else {
            assertThat(run.out()).contains("Problem: ");
        }
    }
}
