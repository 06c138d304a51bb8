package dev.spinel.bench;

import org.redisson.config.Config;

/**
 * The Redis every benchmark runs against, given by bench/client-bench.sh as system properties
 * (forwarded to JMH's forks): one redis-server on loopback, the same for Spinel and the alternative.
 */
final class Target {
    private Target() {
    }

    static int port() {
        return Integer.parseInt(System.getProperty("spinel.bench.port", "6379"));
    }

    static String password() {
        return System.getProperty("spinel.bench.password", "");
    }

    /** Redisson pointed at the same Redis, with the same password. */
    static Config redissonConfig() {
        Config config = new Config();
        if (!password().isEmpty()) {
            config.setPassword(password());
        }
        config.useSingleServer().setAddress("redis://127.0.0.1:" + port());
        return config;
    }

    static String uri() {
        String password = password();
        return "redis://" + (password.isEmpty() ? "" : password + "@") + "127.0.0.1:" + port();
    }
}
