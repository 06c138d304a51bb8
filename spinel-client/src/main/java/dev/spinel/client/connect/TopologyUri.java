package dev.spinel.client.connect;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the addresses applications are given: {@code redis://[password@]host:port[/db]},
 * {@code rediss://...}, {@code redis-sentinel://[password@]host:port,host:port/mymaster} (also
 * Lettuce's own {@code ...#mymaster}), and cluster seeds as {@code redis://[password@]h1:p1,h2:p2}.
 */
final class TopologyUri {
    private TopologyUri() {
    }

    /** The parsed form: one URI (standalone or Sentinel) or several cluster seeds. */
    record Parsed(Mode declared, List<RedisURI> uris) {
    }

    static Parsed parse(String text) {
        String uri = text.strip();
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("not a Redis URI (redis://, rediss:// or redis-sentinel://): " + text);
        }
        String scheme = uri.substring(0, schemeEnd);
        String rest = uri.substring(schemeEnd + 3);
        if (scheme.equals("redis-sentinel") || scheme.equals("rediss-sentinel")) {
            return new Parsed(Mode.SENTINEL, List.of(RedisURI.create(sentinelForm(scheme, rest))));
        }
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("unknown scheme '" + scheme + "' in " + redact(text));
        }
        int at = rest.lastIndexOf('@');
        String credentials = at >= 0 ? rest.substring(0, at + 1) : "";
        String hostsAndPath = at >= 0 ? rest.substring(at + 1) : rest;
        int slash = hostsAndPath.indexOf('/');
        String hosts = slash >= 0 ? hostsAndPath.substring(0, slash) : hostsAndPath;
        String path = slash >= 0 ? hostsAndPath.substring(slash) : "";
        if (!hosts.contains(",")) {
            return new Parsed(Mode.STANDALONE, List.of(RedisURI.create(uri)));
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : hosts.split(",")) {
            seeds.add(RedisURI.create(scheme + "://" + credentials + host.strip() + path));
        }
        return new Parsed(Mode.CLUSTER, seeds);
    }

    /** {@code host:port,host:port/mymaster} becomes Lettuce's {@code host:port,host:port#mymaster}. */
    private static String sentinelForm(String scheme, String rest) {
        if (rest.contains("#")) {
            return scheme + "://" + rest;
        }
        int slash = rest.lastIndexOf('/');
        if (slash < 0 || rest.substring(slash + 1).matches("\\d*")) {
            throw new IllegalArgumentException("a Sentinel URI names the master: " + scheme
                    + "://host:port,host:port/mymaster");
        }
        return scheme + "://" + rest.substring(0, slash) + "#" + rest.substring(slash + 1);
    }

    /** The URI with any password replaced, for messages. */
    static String redact(String text) {
        return text.replaceAll("://[^@/]*@", "://***@");
    }
}
