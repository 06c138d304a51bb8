package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.topology.Addresses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The roles a stopped node's config file remembers. Redis rewrites {@code replicaof} into
 * redis.conf on every REPLICAOF (Spinel's CONFIG REWRITE) and failover (Sentinel's), and Sentinel
 * rewrites its {@code sentinel monitor} line when it fails over; so after every node went down the
 * files still say which node held the newest data, where the spec only says which one was planned.
 */
final class PersistedRoles {
    private PersistedRoles() {
    }

    /** The {@code host:port} a data node's config makes it a replica of; empty when it was a primary. */
    static Optional<String> replicaOf(Path config) {
        List<String> lines = lines(config);
        for (int i = 0; i < lines.size(); i++) {
            String[] words = lines.get(i).strip().split("\\s+");
            if (words.length == 3 && (words[0].equalsIgnoreCase("replicaof") || words[0].equalsIgnoreCase("slaveof"))) {
                return Optional.of(Addresses.of(words[1], port(config, i, words[2])));
            }
        }
        return Optional.empty();
    }

    /** The {@code host:port} a Sentinel's config monitors as {@code masterName}. */
    static Optional<String> monitoredPrimary(Path config, String masterName) {
        List<String> lines = lines(config);
        for (int i = 0; i < lines.size(); i++) {
            String[] words = lines.get(i).strip().split("\\s+");
            if (words.length >= 5 && words[0].equalsIgnoreCase("sentinel") && words[1].equalsIgnoreCase("monitor")
                    && words[2].equals(masterName)) {
                return Optional.of(Addresses.of(words[3], port(config, i, words[4])));
            }
        }
        return Optional.empty();
    }

    private static int port(Path config, int lineIndex, String word) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, config + " line " + (lineIndex + 1) + ": '" + word
                    + "' is not a port. Fix or remove the line (Redis would not start with it either)", e);
        }
    }

    private static List<String> lines(Path config) {
        try {
            return Files.readAllLines(config);
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot read " + config + ": " + e.getMessage(), e);
        }
    }
}
