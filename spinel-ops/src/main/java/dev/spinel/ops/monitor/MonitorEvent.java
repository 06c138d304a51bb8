package dev.spinel.ops.monitor;

import java.time.Instant;
import java.util.Map;

/**
 * One event for the timeline, the events file, webhooks and metrics.
 *
 * @param node the node it concerns, or null for the topology
 * @param details figures behind it (old and new primary, round trip and baseline, ...)
 */
public record MonitorEvent(Instant at, EventType type, String node, String message, Map<String, String> details) {
    public MonitorEvent {
        details = Map.copyOf(details);
    }
}
