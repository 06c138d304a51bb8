package dev.spinel.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds blocks of consecutive free loopback ports, because Spinel assigns ports from a base
 * upwards. Cluster nodes also listen on port + 10000 (the cluster bus), so a block is only
 * returned when those are free too. The range stays below Linux's ephemeral ports (32768+),
 * so outgoing client connections do not steal a port between the check and the start.
 */
public final class FreePorts {
    private static final int LOWEST = 10_000;
    private static final int HIGHEST_BASE = 22_000;
    private static final int BUS_OFFSET = 10_000;

    private FreePorts() {
    }

    /** The first port of {@code count} consecutive free ports whose bus ports are free as well. */
    public static int block(int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = LOWEST + random.nextInt(HIGHEST_BASE - LOWEST - count);
            if (allFree(base, count) && allFree(base + BUS_OFFSET, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + count + " free loopback ports found in "
                + LOWEST + "-" + (HIGHEST_BASE + count));
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            if (!isFree(port)) {
                return false;
            }
        }
        return true;
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
