package dev.spinel.ops.project;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.topology.ResolvedSpec;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.ops.topology.SpecResolver;
import dev.spinel.ops.topology.SpecSource;
import dev.spinel.ops.topology.YamlSpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the spec of a command: the project's stored {@code spinel.yaml}, or a file given with
 * {@code -f}, refined by flags. A project keeps the topology it was made with: asking an existing
 * project for a different one is refused rather than half-applied.
 */
public final class SpecLoader {
    private SpecLoader() {
    }

    /** The spec to act on and the draft to store for it. */
    public record Loaded(ResolvedSpec resolved, SpecDraft draft) {
    }

    public static Loaded load(Path projectRoot, Optional<Path> specFile, SpecDraft flags) {
        Path storedFile = projectRoot.resolve("spinel.yaml");
        Optional<YamlSpecReader.Parsed> stored = ProjectDir.exists(projectRoot) && Files.isRegularFile(storedFile)
                ? Optional.of(YamlSpecReader.read(storedFile)) : Optional.empty();
        boolean asked = specFile.isPresent() || !flags.setsNothing();
        if (stored.isPresent() && !asked) {
            ResolvedSpec current = SpecResolver.resolve(stored.get().draft(), stored.get().source());
            return new Loaded(current, SpecDraft.of(current.spec()));
        }
        // Flags refine a given file; without one, they describe the whole topology on top of the defaults.
        YamlSpecReader.Parsed base = specFile.map(YamlSpecReader::read)
                .orElse(new YamlSpecReader.Parsed(SpecDraft.empty(), SpecSource.flags()));
        SpecSource flagSource = SpecSource.flags();
        SpecSource source = field -> flags.sets(field) ? flagSource.locate(field) : base.source().locate(field);
        ResolvedSpec resolved = SpecResolver.resolve(flags.over(base.draft()), source);
        if (stored.isPresent()) {
            ResolvedSpec current = SpecResolver.resolve(stored.get().draft(), stored.get().source());
            if (!current.spec().equals(resolved.spec())) {
                throw new SpinelException(SpinelException.Kind.BAD_INPUT, "the project in " + projectRoot
                        + " holds a " + describe(current) + " topology, and this asks for "
                        + (describe(current).equals(describe(resolved)) ? "the same with other settings"
                        : "a " + describe(resolved) + " one") + ". Changing a topology is not supported yet:"
                        + " use another --dir, or `spinel down --purge` first (which deletes its data)");
            }
            return new Loaded(current, SpecDraft.of(current.spec()));
        }
        return new Loaded(resolved, SpecDraft.of(resolved.spec()));
    }

    private static String describe(ResolvedSpec resolved) {
        var spec = resolved.spec();
        return switch (spec.mode()) {
            case CLUSTER -> "cluster of " + spec.shards() + " shards x " + (1 + spec.replicas()) + " nodes from port "
                    + spec.portBase();
            case SENTINEL -> "sentinel (1 primary + " + spec.replicas() + " replicas, " + spec.sentinels()
                    + " Sentinels) from port " + spec.portBase();
            case REPLICATION -> "replication (1 primary + " + spec.replicas() + " replicas) from port " + spec.portBase();
            default -> spec.mode().id() + " on port " + spec.portBase();
        };
    }
}
