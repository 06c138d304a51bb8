package dev.spinel.client.lock;

import dev.spinel.client.script.LuaScript;

/**
 * The atomic steps of a lock. Every key of one lock shares the hash tag {@code {name}}, so each
 * script touches a single Cluster slot. Times come from the server's own clock (TIME), never from
 * the clients', which may disagree.
 */
final class LockScripts {
    private LockScripts() {
    }

    /**
     * KEYS: lock, fence, waiters. ARGV: token, lease ms, wait ms (0: not waiting), 1 if this holder
     * waited before (so is in the waiters' set). Returns {1, fencing token} when acquired, {0,
     * remaining lease ms} when held by another. The uncontended path touches only lock and fence.
     */
    static final LuaScript ACQUIRE = new LuaScript("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            if redis.call('EXISTS', KEYS[1]) == 0 then
              local fence = redis.call('INCR', KEYS[2])
              redis.call('HSET', KEYS[1], 'token', ARGV[1], 'fence', fence, 'acquired', now)
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              if ARGV[4] == '1' then
                redis.call('ZREM', KEYS[3], ARGV[1])
              end
              return {1, fence}
            end
            local wait = tonumber(ARGV[3])
            if wait > 0 then
              redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
              redis.call('ZADD', KEYS[3], now + wait, ARGV[1])
              if redis.call('PTTL', KEYS[3]) < wait then
                redis.call('PEXPIRE', KEYS[3], wait)
              end
            end
            return {0, redis.call('PTTL', KEYS[1])}
            """);

    /** KEYS: lock. ARGV: token, released channel. Returns 1 when released, 0 when not the holder. */
    static final LuaScript RELEASE = new LuaScript("""
            if redis.call('HGET', KEYS[1], 'token') == ARGV[1] then
              redis.call('DEL', KEYS[1])
              redis.call('PUBLISH', ARGV[2], ARGV[1])
              return 1
            end
            return 0
            """);

    /** KEYS: lock. ARGV: token, lease ms. Returns 1 when extended, 0 when not the holder. */
    static final LuaScript EXTEND = new LuaScript("""
            if redis.call('HGET', KEYS[1], 'token') == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """);

    /** KEYS: waiters, lock. ARGV: token. A waiter that gives up leaves the waiters' set. */
    static final LuaScript LEAVE = new LuaScript("""
            redis.call('ZREM', KEYS[1], ARGV[1])
            return 1
            """);
}
