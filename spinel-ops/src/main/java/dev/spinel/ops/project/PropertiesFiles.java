package dev.spinel.ops.project;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** Small records kept as .properties files, written atomically: process records, the console's. */
public final class PropertiesFiles {
    private PropertiesFiles() {
    }

    /** The file's properties, or empty when it does not exist. */
    public static Optional<Properties> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return Optional.of(properties);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static void write(Path file, Properties properties, String comment) {
        try {
            StringWriter text = new StringWriter();
            properties.store(text, comment);
            AtomicFiles.write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
