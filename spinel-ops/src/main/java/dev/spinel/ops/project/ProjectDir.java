package dev.spinel.ops.project;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.topology.NodePaths;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.function.Function;

/**
 * The project folder (default {@code ./.spinel}): the spec, one folder per node, secrets and the
 * project's identity. Every command works from this folder alone, so a topology outlives the CLI.
 */
public final class ProjectDir {
    /** Layout version of the folder this build reads and writes. */
    public static final int FORMAT = 1;
    public static final String DEFAULT_DIR = ".spinel";

    private final Path root;
    private final String id;

    private ProjectDir(Path root, String id) {
        this.root = root;
        this.id = id;
    }

    public static boolean exists(Path root) {
        return Files.isRegularFile(root.resolve("project.properties"));
    }

    /** Opens an existing project, refusing one written by a newer Spinel. */
    public static ProjectDir open(Path root) {
        Path meta = root.toAbsolutePath().normalize().resolve("project.properties");
        if (!Files.isRegularFile(meta)) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "no Spinel project in " + root
                    + ": run `spinel up` there first, or point --dir at the project folder");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(meta)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        int format = Integer.parseInt(properties.getProperty("format", "0").trim());
        if (format > FORMAT) {
            throw new SpinelException(SpinelException.Kind.BLOCKED, meta + " was written by a newer Spinel (format "
                    + format + ", this one reads up to " + FORMAT + "): use that Spinel, or upgrade this one");
        }
        String id = properties.getProperty("id");
        if (id == null || id.isBlank()) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, meta + ": field 'id' is missing");
        }
        return new ProjectDir(meta.getParent(), id.trim());
    }

    /** Opens the project, creating the folder and its identity first if there is none. */
    public static ProjectDir openOrCreate(Path root, String spinelVersion) {
        Path absolute = root.toAbsolutePath().normalize();
        if (exists(absolute)) {
            return open(absolute);
        }
        try {
            Files.createDirectories(absolute);
            Properties properties = new Properties();
            properties.setProperty("format", Integer.toString(FORMAT));
            properties.setProperty("id", HexFormat.of().formatHex(new SecureRandom().generateSeed(8)));
            properties.setProperty("created-by", "spinel " + spinelVersion);
            StringWriter text = new StringWriter();
            properties.store(text, "Spinel project; do not edit");
            AtomicFiles.write(absolute.resolve("project.properties"), text.toString());
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot create the project folder " + absolute
                    + ": " + e.getMessage(), e);
        }
        return open(absolute);
    }

    public Path root() {
        return root;
    }

    public String id() {
        return id;
    }

    public Path specFile() {
        return root.resolve("spinel.yaml");
    }

    public Path nodesDir() {
        return root.resolve("nodes");
    }

    public Path nodeDir(String name) {
        return nodesDir().resolve(name);
    }

    public Path secretsDir() {
        return root.resolve("secrets");
    }

    /** Where Spinel records the PID and start time of the node's process. */
    public Path processRecord(String name) {
        return nodeDir(name).resolve("process");
    }

    public NodePaths paths(String name) {
        return pathsUnder(root).apply(name);
    }

    /** Node paths under a project root that may not exist yet, for planning a new project. */
    public static Function<String, NodePaths> pathsUnder(Path root) {
        return name -> {
            Path dir = root.resolve("nodes").resolve(name);
            String kind = name.startsWith("sentinel-") ? "sentinel" : "redis";
            return new NodePaths(dir.toString(), dir.resolve("data").toString(), dir.resolve(kind + ".conf").toString(),
                    dir.resolve(kind + ".log").toString(), dir.resolve(kind + ".pid").toString());
        };
    }
}
