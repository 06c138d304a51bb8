package dev.spinel.ops.drill;

import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every acknowledged key back and lists those that are gone: the acknowledged writes a
 * failover lost. In Cluster mode Lettuce splits each MGET by slot, so keys on every shard are read.
 */
public final class LossChecker {
    private static final int BATCH = 500;

    private LossChecker() {
    }

    public static List<String> lost(RedisClusterCommands<String, String> commands, List<String> acknowledged) {
        List<String> lost = new ArrayList<>();
        for (int from = 0; from < acknowledged.size(); from += BATCH) {
            List<String> batch = acknowledged.subList(from, Math.min(acknowledged.size(), from + BATCH));
            List<KeyValue<String, String>> values = commands.mget(batch.toArray(String[]::new));
            for (int i = 0; i < batch.size(); i++) {
                if (!values.get(i).hasValue()) {
                    lost.add(batch.get(i));
                }
            }
        }
        return lost;
    }
}
