package dev.spinel.ops.project;

import dev.spinel.ops.SpinelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The topology's password, generated once and kept in {@code secrets/password} (mode 0600).
 * It is the {@code requirepass} and {@code masterauth} of every data node and the password of
 * every Sentinel. It never goes into logs, plans or status output.
 */
public final class Secrets {
    private final Path file;

    public Secrets(ProjectDir project) {
        this.file = project.secretsDir().resolve("password");
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The password, generated on first use. */
    public String password() {
        try {
            if (!exists()) {
                generate();
            }
            String password = Files.readString(file).trim();
            if (password.isEmpty()) {
                throw new SpinelException(SpinelException.Kind.BAD_INPUT, file + " is empty: restore it from a"
                        + " backup, or remove it together with the nodes (`spinel down --purge`)");
            }
            return password;
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void generate() throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            AtomicFiles.setPermissions(dir, "rwx------");
        }
        // 32 random bytes as hex: no character that needs quoting in a config file or a URI.
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        AtomicFiles.write(file, HexFormat.of().formatHex(bytes) + "\n", AtomicFiles.OWNER_ONLY);
    }
}
