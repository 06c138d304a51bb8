package dev.spinel.client.script;

import dev.spinel.client.connect.RedisRefusedException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run by its SHA-1 (EVALSHA), sent in full (EVAL) only when the node does not have
 * it yet: after a restart, a failover, or on a cluster node it never ran on. EVAL caches it there.
 */
public final class LuaScript {
    private final String source;
    private final String sha1;

    public LuaScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    public String sha1() {
        return sha1;
    }

    /** @throws RedisRefusedException when Redis refuses the script (OOM, READONLY, ...) */
    public <T> T run(RedisClusterCommands<String, String> commands, ScriptOutputType type, String[] keys,
                     String... args) {
        return RedisRefusedException.translate("a script on " + String.join(", ", keys), () -> {
            try {
                return commands.<T>evalsha(sha1, type, keys, args);
            } catch (RedisNoScriptException e) {
                return commands.<T>eval(source, type, keys, args);
            }
        });
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
