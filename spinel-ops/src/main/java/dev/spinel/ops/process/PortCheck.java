package dev.spinel.ops.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks that a port can be bound before a node is started on it, and names the process that
 * holds it when Linux's /proc tells (only for processes this user may inspect).
 */
public final class PortCheck {
    private PortCheck() {
    }

    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port free right now, for a short-lived helper process. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** "pid 1234 (redis-server)" for the process listening on {@code port}, if it can be found. */
    public static Optional<String> owner(int port) {
        Optional<String> inode = listeningInode(Path.of("/proc/net/tcp"), port)
                .or(() -> listeningInode(Path.of("/proc/net/tcp6"), port));
        if (inode.isEmpty()) {
            return Optional.empty();
        }
        String target = "socket:[" + inode.get() + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (holds(process.resolve("fd"), target)) {
                    long pid = Long.parseLong(process.getFileName().toString());
                    String command = ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("?");
                    return Optional.of("pid " + pid + " (" + command + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holds(Path fdDir, String target) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (target.equals(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException e) {
                    // fd closed meanwhile; go on
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** Rows of /proc/net/tcp: "sl local_address rem_address st ... inode"; state 0A is LISTEN. */
    private static Optional<String> listeningInode(Path table, int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        try {
            List<String> rows = Files.readAllLines(table);
            return rows.stream().skip(1)
                    .map(String::trim)
                    .map(row -> row.split("\\s+"))
                    .filter(cols -> cols.length > 9 && cols[1].endsWith(hexPort) && "0A".equals(cols[3]))
                    .map(cols -> cols[9])
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
