package dev.spinel.client.connect;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few INFO fields the toolkit reads ({@code role}, {@code connected_slaves}, offsets, the
 * {@code slaveN} lines): one reader for them all. INFO is {@code field:value} lines under
 * {@code # Section} headers.
 */
public final class InfoFields {
    private InfoFields() {
    }

    public static Optional<String> field(String info, String name) {
        String prefix = name + ":";
        return info.lines().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip()).findFirst();
    }

    public static long number(String info, String name) {
        return field(info, name).map(Long::parseLong).orElse(0L);
    }

    /** The replicas a primary's {@code INFO replication} lists ({@code slaveN:ip=..,port=..,...}). */
    public static List<InetSocketAddress> replicas(String replicationInfo) {
        List<InetSocketAddress> replicas = new ArrayList<>();
        replicationInfo.lines().filter(line -> line.matches("slave\\d+:.*")).forEach(line -> {
            String ip = null;
            int port = 0;
            for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
                if (part.startsWith("ip=")) {
                    ip = part.substring(3);
                } else if (part.startsWith("port=")) {
                    port = Integer.parseInt(part.substring(5).strip());
                }
            }
            replicas.add(InetSocketAddress.createUnresolved(ip, port));
        });
        return replicas;
    }
}
