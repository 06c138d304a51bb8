package dev.spinel.ops.restore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Every data type and expiries in two databases, and a comparable picture of a node's data. */
final class DataSet {
    private DataSet() {
    }

    static void fill(Jedis primary, int plainKeys) {
        for (int i = 0; i < plainKeys; i++) {
            primary.set("key:" + i, "v" + i);
        }
        primary.hset("hash", Map.of("a", "1", "b", "2"));
        primary.rpush("list", "x", "y", "z");
        primary.sadd("set", "1", "2", "3");
        primary.zadd("zset", Map.of("a", 1.5, "b", 2.5));
        primary.xadd("stream", StreamEntryID.NEW_ENTRY, Map.of("field", "value"));
        primary.setex("expiring", 3600, "soon");
        primary.pexpire("hash", 7_200_000);
        primary.select(2);
        primary.set("other-db", "y");
        primary.select(0);
    }

    /** Per database, each key's DUMP payload (type, encoding and value) and whether it has a TTL. */
    static Map<String, String> picture(Jedis node) {
        Map<String, String> picture = new HashMap<>();
        for (int db : List.of(0, 2)) {
            node.select(db);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = node.scan(cursor, new ScanParams().count(1000));
                for (String key : page.getResult()) {
                    picture.put(db + "/" + key, java.util.HexFormat.of().formatHex(node.dump(key))
                            + (node.pttl(key) > 0 ? " ttl" : ""));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        node.select(0);
        return picture;
    }
}
