package dev.spinel.cli;

import dev.spinel.ops.project.ProjectDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --dir}: the project folder every command works in. */
final class ProjectOption {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ProjectDir.DEFAULT_DIR,
            description = "Project folder holding the spec, nodes, secrets (default: ${DEFAULT-VALUE}).")
    Path dir;
}
