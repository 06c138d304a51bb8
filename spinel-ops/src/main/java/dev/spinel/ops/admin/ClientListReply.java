package dev.spinel.ops.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** CLIENT LIST, one connection per line of {@code key=value} fields: {@code id=7 addr=.. idle=0 flags=N .. cmd=set}. */
public final class ClientListReply {
    private ClientListReply() {
    }

    /**
     * One connection.
     *
     * @param idleSeconds seconds since its last command
     * @param flags       {@code N} for a plain client, {@code S} a replica, {@code M} the primary
     */
    public record Client(long id, String address, long idleSeconds, String flags, String lastCommand) {
        public boolean isPlain() {
            return !flags.contains("S") && !flags.contains("M");
        }
    }

    public static List<Client> parse(String reply) {
        return reply.lines().filter(line -> !line.isBlank()).map(ClientListReply::parseLine).toList();
    }

    static Client parseLine(String line) {
        Map<String, String> fields = Arrays.stream(line.strip().split(" "))
                .map(field -> field.split("=", 2)).filter(pair -> pair.length == 2)
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (first, second) -> first));
        return new Client(Long.parseLong(fields.getOrDefault("id", "0")), fields.getOrDefault("addr", ""),
                Long.parseLong(fields.getOrDefault("idle", "0")), fields.getOrDefault("flags", ""),
                fields.getOrDefault("cmd", ""));
    }
}
