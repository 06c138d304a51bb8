import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step, run by the java launcher on this source file after the runnable jar is shaded:
 * {@code java -cp asm.jar:JAR ClassFileUpgrade JAR PACKAGE/...}.
 *
 * <p>Picocli is compiled for Java 5 (class file version 49). The JVM's start-up cache (AOT cache,
 * CDS) does not keep classes that old, because they need the old type-inferring verifier when
 * linked; so every command loaded and verified picocli's 170 classes from the jar, about 50 ms.
 * This rewrites the classes of the given packages that are older than Java 6 as Java 8 class
 * files, with the stack map frames Java 6+ verification reads (computed by ASM); nothing else
 * changes, and the cache then holds them.
 */
public final class ClassFileUpgrade {
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ClassFileUpgrade JAR PACKAGE/ [PACKAGE/ ...]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        List<String> packages = List.of(args).subList(1, args.length);
        Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int count = 0;
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(upgraded);
             ZipOutputStream out = new ZipOutputStream(file)) {
            // Entries keep their order: the manifest stays first, where the jar tools look for it.
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream data = in.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                if (isOldClass(entry.getName(), bytes, packages)) {
                    bytes = upgraded(bytes);
                    count++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(upgraded);
            throw e;
        }
        Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("ClassFileUpgrade: " + count + " classes of " + packages + " in " + jar.getFileName()
                + " now Java 8 class files");
    }

    private static boolean isOldClass(String name, byte[] bytes, List<String> packages) {
        if (!name.endsWith(".class") || packages.stream().noneMatch(name::startsWith) || bytes.length < 8) {
            return false;
        }
        int major = (bytes[6] & 0xff) << 8 | bytes[7] & 0xff;
        return major < JAVA_6;
    }

    /** The same class as a Java 8 class file; frames computed anew (old ones never existed). */
    private static byte[] upgraded(byte[] bytes) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
