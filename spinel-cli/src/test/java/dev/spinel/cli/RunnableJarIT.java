package dev.spinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as packaged: picocli's classes in it were rewritten from Java 5 class files
 * (src/build/ClassFileUpgrade.java) so the JVM's start-up cache can hold them.
 */
class RunnableJarIT {
    private static final Path JAR = Path.of(System.getProperty("user.dir"), "target", "spinel-all.jar");

    @Test
    void picocliClassesAreJava8ClassFilesThatPassVerification() throws Exception {
        List<String> names = new ArrayList<>();
        List<String> old = new ArrayList<>();
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().startsWith("picocli/") && entry.getName().endsWith(".class")) {
                    names.add(entry.getName());
                    if (majorVersion(jar, entry) < 52) {
                        old.add(entry.getName());
                    }
                }
            }
        }
        assertThat(names).hasSizeGreaterThan(100);
        assertThat(old).as("class files older than Java 8").isEmpty();
        // Initialising a class links it, and linking verifies it against the computed stack map frames;
        // a loader of its own, so the test's own picocli (from Maven) is not the one checked.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                assertThat(Class.forName(className, true, loader).getClassLoader()).isSameAs(loader);
            }
        }
    }

    private static int majorVersion(ZipFile jar, ZipEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] header = in.readNBytes(8);
            return (header[6] & 0xff) << 8 | header[7] & 0xff;
        }
    }
}
