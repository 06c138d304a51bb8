package dev.spinel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/spinel}, the launcher the README names, run as a user runs it: it finds its checkout
 * and a JDK 21+ with shell builtins alone, so these are the paths a user can take to it.
 */
class LauncherScriptIT {
    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/spinel");

    @TempDir
    Path elsewhere;

    /** Runs the script from {@code directory} and returns what it printed; fails unless it exits 0. */
    private static String run(Path directory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } finally {
            // Stopped by its handle on every path, a failed assertion's included.
            process.destroyForcibly();
        }
    }

    @Test
    void runsFromAnyFolderByItsPathAndThroughALink() throws Exception {
        String expected = "spinel " + SpinelVersion.version();
        assertThat(run(elsewhere, Map.of(), SCRIPT.toString(), "--version")).startsWith(expected);
        Path link = Files.createSymbolicLink(elsewhere.resolve("spinel"), SCRIPT);
        assertThat(run(elsewhere, Map.of(), "./spinel", "--version")).startsWith(expected);
        assertThat(run(SCRIPT.getParent(), Map.of(), "./spinel", "--version")).startsWith(expected);
        // JUnit would warn about a link out of its temporary folder when it cleans up.
        Files.delete(link);
    }

    @Test
    void passesOverAJavaHomeOlderThan21() throws Exception {
        // The JDK running this test must be one the script finds by itself.
        assumeTrue(System.getProperty("java.home").startsWith("/usr/lib/jvm/") && Runtime.version().feature() >= 21);
        Path oldJdk = elsewhere.resolve("jdk-17");
        Files.createDirectories(oldJdk.resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path fake = oldJdk.resolve("bin").resolve(tool);
            // A JDK 17 would print its version; this one fails loudly if the script runs it anyway.
            Files.writeString(fake, "#!/bin/sh\necho 'the JDK 17 was run' >&2\nexit 9\n");
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(oldJdk.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"17.0.2\"\n");
        String output = run(elsewhere, Map.of("JAVA_HOME", oldJdk.toString()), SCRIPT.toString(), "--version");
        assertThat(output).startsWith("spinel " + SpinelVersion.version()).doesNotContain("JDK 17 was run");
    }
}
