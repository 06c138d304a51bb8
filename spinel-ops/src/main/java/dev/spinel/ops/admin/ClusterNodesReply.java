package dev.spinel.ops.admin;

import dev.spinel.ops.topology.SlotRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Parses CLUSTER NODES, including IPv6 addresses, hostnames after the bus port, and fresh nodes. */
public final class ClusterNodesReply {
    private ClusterNodesReply() {
    }

    public static List<ClusterNode> parse(String text) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                nodes.add(parseLine(line.strip()));
            }
        }
        return nodes;
    }

    static ClusterNode parseLine(String line) {
        String[] fields = line.split(" ");
        if (fields.length < 8) {
            throw new IllegalArgumentException("CLUSTER NODES line has " + fields.length + " fields, needs 8: " + line);
        }
        String address = fields[1];
        Optional<String> hostname = Optional.empty();
        int comma = address.indexOf(',');
        if (comma >= 0) {
            hostname = Optional.of(address.substring(comma + 1)).filter(h -> !h.isEmpty());
            address = address.substring(0, comma);
        }
        int at = address.indexOf('@');
        int busPort = at >= 0 ? Integer.parseInt(address.substring(at + 1)) : 0;
        String hostPort = at >= 0 ? address.substring(0, at) : address;
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        List<SlotRange> slots = new ArrayList<>();
        List<String> migrations = new ArrayList<>();
        for (int i = 8; i < fields.length; i++) {
            String slot = fields[i];
            if (slot.startsWith("[")) {
                migrations.add(slot);
            } else {
                int dash = slot.indexOf('-');
                slots.add(dash < 0 ? new SlotRange(Integer.parseInt(slot), Integer.parseInt(slot))
                        : new SlotRange(Integer.parseInt(slot.substring(0, dash)), Integer.parseInt(slot.substring(dash + 1))));
            }
        }
        return new ClusterNode(fields[0], host, port, busPort, hostname,
                new HashSet<>(Arrays.asList(fields[2].split(","))),
                "-".equals(fields[3]) ? Optional.empty() : Optional.of(fields[3]),
                Long.parseLong(fields[6]), "connected".equals(fields[7]), slots, migrations);
    }
}
