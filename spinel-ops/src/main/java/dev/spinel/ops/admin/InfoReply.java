package dev.spinel.ops.admin;

import dev.spinel.ops.topology.Addresses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed INFO reply: sections of {@code field:value} lines. Typed getters cover what Spinel
 * reads; {@link #field} reaches any other. Unknown sections and fields are kept, so a newer Redis
 * that adds fields parses just the same.
 */
public final class InfoReply {
    private final Map<String, Map<String, String>> sections;

    private InfoReply(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    public static InfoReply parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = sections.computeIfAbsent("default", k -> new LinkedHashMap<>());
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                current = sections.computeIfAbsent(line.substring(1).strip().toLowerCase(Locale.ROOT),
                        k -> new LinkedHashMap<>());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                current.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        sections.values().removeIf(Map::isEmpty);
        return new InfoReply(sections);
    }

    public Map<String, String> section(String name) {
        return Collections.unmodifiableMap(sections.getOrDefault(name.toLowerCase(Locale.ROOT), Map.of()));
    }

    public List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    /** A field from whichever section holds it. */
    public Optional<String> field(String name) {
        return sections.values().stream().filter(s -> s.containsKey(name)).map(s -> s.get(name)).findFirst();
    }

    public long number(String name) {
        return field(name).map(InfoReply::parseNumber).orElse(0L);
    }

    public String role() {
        return field("role").orElse("unknown");
    }

    public boolean isLoading() {
        return number("loading") != 0;
    }

    /** {@code aof_enabled:1}: every write is in the append-only file, which the node loads at start. */
    public boolean aofEnabled() {
        return number("aof_enabled") != 0;
    }

    public Optional<String> masterLinkStatus() {
        return field("master_link_status");
    }

    public Optional<String> masterAddress() {
        return field("master_host").map(host -> Addresses.of(host, (int) number("master_port")));
    }

    public long replicationOffset() {
        return number(role().equals("master") ? "master_repl_offset" : "slave_repl_offset");
    }

    public long usedMemory() {
        return number("used_memory");
    }

    public long maxmemory() {
        return number("maxmemory");
    }

    public long connectedClients() {
        return number("connected_clients");
    }

    public boolean clusterEnabled() {
        return number("cluster_enabled") == 1;
    }

    public String redisVersion() {
        return field("redis_version").orElse("unknown");
    }

    /** Keys over all databases, from the Keyspace section ({@code db0:keys=1,expires=0,avg_ttl=0}). */
    public long keys() {
        return section("keyspace").values().stream()
                .mapToLong(value -> parseNumber(attributes(value).getOrDefault("keys", "0")))
                .sum();
    }

    /** Keys per database ({@code db0} to count), in the order INFO lists them. */
    public Map<String, Long> keysPerDatabase() {
        return perDatabase("keys");
    }

    /** Keys with a time to live per database ({@code db0=expires}). */
    public Map<String, Long> expiresPerDatabase() {
        return perDatabase("expires");
    }

    private Map<String, Long> perDatabase(String attribute) {
        Map<String, Long> counts = new LinkedHashMap<>();
        section("keyspace").forEach((db, value) ->
                counts.put(db, parseNumber(attributes(value).getOrDefault(attribute, "0"))));
        return counts;
    }

    /** A primary's view of its replicas ({@code slave0:ip=...,port=...,state=online,offset=...,lag=0}). */
    public List<ReplicaLine> replicas() {
        List<ReplicaLine> replicas = new ArrayList<>();
        for (int i = 0; ; i++) {
            Optional<String> line = field("slave" + i);
            if (line.isEmpty()) {
                return replicas;
            }
            Map<String, String> attributes = attributes(line.get());
            replicas.add(new ReplicaLine(attributes.getOrDefault("ip", "?"),
                    (int) parseNumber(attributes.getOrDefault("port", "0")), attributes.getOrDefault("state", "?"),
                    parseNumber(attributes.getOrDefault("offset", "0")), parseNumber(attributes.getOrDefault("lag", "-1"))));
        }
    }

    /** One replica as its primary's INFO lists it. */
    public record ReplicaLine(String ip, int port, String state, long offset, long lagSeconds) {
        public String address() {
            return Addresses.of(ip, port);
        }
    }

    static Map<String, String> attributes(String value) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                attributes.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return attributes;
    }

    public static long parseNumber(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(value.strip());
            } catch (NumberFormatException notNumeric) {
                return 0L;
            }
        }
    }
}
