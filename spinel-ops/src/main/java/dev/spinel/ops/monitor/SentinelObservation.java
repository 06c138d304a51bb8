package dev.spinel.ops.monitor;

import dev.spinel.ops.admin.SentinelView;
import java.util.List;

/** What one Sentinel reports about the primary it watches: SENTINEL MASTERS, REPLICAS and SENTINELS. */
public record SentinelObservation(SentinelView.Primary primary, List<SentinelView.Peer> replicas,
                                  List<SentinelView.Peer> sentinels) {
    public SentinelObservation {
        replicas = List.copyOf(replicas);
        sentinels = List.copyOf(sentinels);
    }
}
