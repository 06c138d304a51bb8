package dev.spinel.ops.admin;

import dev.spinel.ops.topology.Addresses;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ROLE reply. Primary: {@code [master, offset, [[ip, port, offset], ...]]}; replica:
 * {@code [slave, ip, port, state, offset]}; Sentinel: {@code [sentinel, [names]]}.
 */
public sealed interface RoleReply {

    record Primary(long offset, List<AttachedReplica> replicas) implements RoleReply {
        public Primary {
            replicas = List.copyOf(replicas);
        }
    }

    record Replica(String primaryHost, int primaryPort, String state, long offset) implements RoleReply {
        /** {@code connected} once the initial sync is over; {@code connect}, {@code sync} before. */
        public boolean isConnected() {
            return "connected".equals(state);
        }

        public String primaryAddress() {
            return Addresses.of(primaryHost, primaryPort);
        }
    }

    record Sentinel(List<String> primaryNames) implements RoleReply {
        public Sentinel {
            primaryNames = List.copyOf(primaryNames);
        }
    }

    /** A replica as its primary lists it in ROLE. */
    record AttachedReplica(String host, int port, long offset) {
    }

    default String name() {
        return switch (this) {
            case Primary p -> "master";
            case Replica r -> "slave";
            case Sentinel s -> "sentinel";
        };
    }

    static RoleReply parse(List<?> reply) {
        if (reply == null || reply.isEmpty()) {
            throw new IllegalArgumentException("empty ROLE reply");
        }
        String role = text(reply.get(0));
        return switch (role) {
            case "master" -> {
                List<AttachedReplica> attached = new ArrayList<>();
                for (Object entry : (List<?>) reply.get(2)) {
                    List<?> fields = (List<?>) entry;
                    attached.add(new AttachedReplica(text(fields.get(0)), (int) number(fields.get(1)),
                            number(fields.get(2))));
                }
                yield new Primary(number(reply.get(1)), attached);
            }
            case "slave" -> new Replica(text(reply.get(1)), (int) number(reply.get(2)), text(reply.get(3)),
                    number(reply.get(4)));
            case "sentinel" -> new Sentinel(((List<?>) reply.get(1)).stream().map(RoleReply::text).toList());
            default -> throw new IllegalArgumentException("unknown role '" + role + "' in ROLE reply " + reply);
        };
    }

    /** Bulk strings arrive as text already ({@link RawReplies#list}). */
    private static String text(Object value) {
        return String.valueOf(value);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(text(value).strip());
    }
}
