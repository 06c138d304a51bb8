package dev.spinel.client.connect;

import java.time.Duration;

/** A PING round-trip through the client's own connection, plus the role of the node that answered. */
public final class HealthProbe {
    private HealthProbe() {
    }

    /**
     * @param healthy PING answered PONG
     * @param roundTrip how long PING took
     * @param role the role of the node commands go to ({@code master}, {@code slave}), when known
     * @param error why the probe failed, when it did
     */
    public record Result(boolean healthy, Mode mode, Duration roundTrip, String role, String error) {
    }

    static Result run(SpinelClient client) {
        long start = System.nanoTime();
        try {
            String pong = client.sync().ping();
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
            String role = InfoFields.field(client.sync().info("replication"), "role").orElse("unknown");
            return new Result("PONG".equals(pong), client.mode(), roundTrip, role, null);
        } catch (RuntimeException e) {
            return new Result(false, client.mode(), Duration.ofNanos(System.nanoTime() - start), null, e.getMessage());
        }
    }
}
