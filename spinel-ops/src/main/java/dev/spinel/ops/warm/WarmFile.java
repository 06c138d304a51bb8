package dev.spinel.ops.warm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.spinel.client.warm.WarmEntry;
import dev.spinel.client.warm.WarmSink;
import dev.spinel.client.warm.WarmSource;
import dev.spinel.ops.SpinelException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The entries of a warming file, read lazily (a file of any size), in two passes: the critical
 * entries (only lines that mention {@code critical} or {@code true} are parsed for them), then
 * the others. A malformed line is skipped and remembered with its number and what is wrong with
 * it; the rest is loaded.
 *
 * <ul>
 *   <li>JSON lines ({@code .jsonl}, {@code .json}): {@code {"key": "k", "value": "v", "ttl": 60,
 *       "critical": true}}; {@code ttl} (seconds) and {@code critical} are optional; a value that
 *       is not a string is stored as its JSON text.</li>
 *   <li>CSV ({@code .csv}): {@code key,value[,ttl[,critical]]}, quoted as RFC 4180 quotes; a
 *       first line {@code key,value,...} is a header and skipped.</li>
 * </ul>
 * Empty lines are ignored.
 */
public final class WarmFile implements WarmSource {
    /** The formats a file can be in. */
    public enum Format {
        JSONL, CSV;

        /** By the file name's extension. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
                return JSONL;
            }
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, file + ": cannot tell the format from the name;"
                    + " use .jsonl or .csv, or say --format jsonl|csv");
        }
    }

    /** Redis refuses a longer time to live: in milliseconds it would overflow. */
    static final long MAX_TTL_SECONDS = Long.MAX_VALUE / 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader CSV_LINE = new CsvMapper().readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);

    private final Path file;
    private final Format format;
    private final SortedMap<Long, String> skipped = Collections.synchronizedSortedMap(new TreeMap<>());

    public WarmFile(Path file, Format format) {
        if (!Files.isReadable(file)) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, file + ": no such readable file");
        }
        this.file = file;
        this.format = format;
    }

    /** Malformed lines by number (from 1), with what is wrong; each counted once however often the file is read. */
    public SortedMap<Long, String> skipped() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
    }

    @Override
    public Iterable<WarmEntry> critical() {
        return () -> entries(true);
    }

    @Override
    public Iterable<WarmEntry> others() {
        return () -> entries(false);
    }

    /** Hands the entries over as the bytes they are in the file wherever a line is of the plain kind. */
    @Override
    public void read(boolean critical, WarmSink sink) {
        try (Lines lines = new Lines(critical)) {
            while (lines.next()) {
                lines.handTo(sink);
            }
        }
    }

    private Iterator<WarmEntry> entries(boolean critical) {
        Lines lines = new Lines(critical);
        return new Iterator<>() {
            private WarmEntry next;
            private final WarmSink taken = new WarmSink() {
                @Override
                public void entry(WarmEntry entry) {
                    next = entry;
                }

                @Override
                public void entry(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength,
                                  long ttlMillis) {
                    next = WarmEntry.fromBytes(bytes, keyOffset, keyLength, valueOffset, valueLength, ttlMillis,
                            critical);
                }
            };

            @Override
            public boolean hasNext() {
                while (next == null && lines.next()) {
                    lines.handTo(taken);
                }
                return next != null;
            }

            @Override
            public WarmEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                WarmEntry entry = next;
                next = null;
                return entry;
            }
        };
    }

    /**
     * One pass over the file's lines, stopping only at those that may hold an entry of the part
     * read: for the critical part, lines that mention {@code critical} (JSON) or {@code true}
     * (CSV); the others need no parsing to be passed over. Closed at the end of the file.
     */
    private final class Lines implements Closeable {
        private final boolean critical;
        private final byte[] marker;
        private final LineScanner scanner;
        private final SimpleJsonLine plain = new SimpleJsonLine();
        private long lineNumber;
        private boolean done;

        Lines(boolean critical) {
            this.critical = critical;
            this.marker = (format == Format.JSONL ? "\"critical\"" : "true").getBytes(StandardCharsets.US_ASCII);
            try {
                this.scanner = new LineScanner(Files.newInputStream(file));
            } catch (IOException e) {
                throw new SpinelException(SpinelException.Kind.FAILED, "cannot read " + file + ": " + e.getMessage(),
                        e);
            }
        }

        /** Moves to the next line worth parsing; false (and closed) at the end. */
        boolean next() {
            while (!done) {
                boolean more;
                try {
                    more = scanner.advance();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + " at line " + (lineNumber + 1), e);
                }
                if (!more) {
                    close();
                    break;
                }
                lineNumber++;
                if (!scanner.isBlank() && (!critical || scanner.contains(marker))) {
                    return true;
                }
            }
            return false;
        }

        /** Hands the line's entry to {@code sink} if it belongs to the part read; a malformed line is remembered. */
        void handTo(WarmSink sink) {
            try {
                if (format == Format.JSONL && scanner.read(plain::parse)) {
                    if (plain.critical() == critical) {
                        sink.entry(plain.bytes(), plain.keyOffset(), plain.keyLength(), plain.valueOffset(),
                                plain.valueLength(), plain.ttlSeconds() * 1000);
                    }
                    return;
                }
                Optional<WarmEntry> entry = format == Format.CSV ? parseCsv(scanner.text(), lineNumber)
                        : Optional.of(scanner.read(WarmFile::parseJson));
                if (entry.isPresent() && entry.get().critical() == critical) {
                    sink.entry(entry.get());
                }
            } catch (IllegalArgumentException | IOException e) {
                skipped.putIfAbsent(lineNumber, e.getMessage());
            }
        }

        @Override
        public void close() {
            done = true;
            try {
                scanner.close();
            } catch (IOException ignored) {
                // read to the end already, or given up
            }
        }
    }

    /**
     * One object, read token by token (no tree per line) straight from the line's bytes (no String
     * of the whole line, no copy into chars): key, value, and the optional ttl and critical. Not
     * private: SimpleJsonLineTest holds the plain-line reader to it.
     */
    static WarmEntry parseJson(byte[] bytes, int offset, int length) throws IOException {
        String key = null;
        String value = null;
        Long ttl = null;
        boolean critical = false;
        try (JsonParser parser = JSON.getFactory().createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "key" -> {
                        if (token != JsonToken.VALUE_STRING) {
                            throw new IllegalArgumentException("\"key\" must be a string");
                        }
                        key = parser.getText();
                    }
                    case "value" -> value = token == JsonToken.VALUE_STRING ? parser.getText()
                            : token == JsonToken.VALUE_NULL ? null : JSON.writeValueAsString(parser.readValueAsTree());
                    case "ttl" -> {
                        if (token != JsonToken.VALUE_NULL) {
                            if (token != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 1
                                    || parser.getLongValue() > MAX_TTL_SECONDS) {
                                throw new IllegalArgumentException("\"ttl\" must be a whole number of seconds, 1 to "
                                        + MAX_TTL_SECONDS + ", got " + parser.getText());
                            }
                            ttl = parser.getLongValue();
                        }
                    }
                    case "critical" -> {
                        if (!token.isBoolean()) {
                            throw new IllegalArgumentException("\"critical\" must be true or false, got " + parser.getText());
                        }
                        critical = token == JsonToken.VALUE_TRUE;
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IllegalArgumentException("not one JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("no \"key\" string");
        }
        if (value == null) {
            throw new IllegalArgumentException("no \"value\"");
        }
        return new WarmEntry(key, value, ttl == null ? Optional.empty() : Optional.of(Duration.ofSeconds(ttl)), critical);
    }

    private static Optional<WarmEntry> parseCsv(String line, long number) throws IOException {
        String[] fields;
        try (var values = CSV_LINE.readValues(line)) {
            if (!values.hasNext()) {
                throw new IllegalArgumentException("no fields");
            }
            fields = (String[]) values.next();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not CSV: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (number == 1 && fields.length >= 2 && fields[0].equalsIgnoreCase("key") && fields[1].equalsIgnoreCase("value")) {
            return Optional.empty();
        }
        if (fields.length < 2 || fields.length > 4) {
            throw new IllegalArgumentException("expected key,value[,ttl[,critical]], got " + fields.length + " fields");
        }
        if (fields[0].isEmpty()) {
            throw new IllegalArgumentException("an empty key");
        }
        Optional<Duration> ttl = Optional.empty();
        if (fields.length >= 3 && !fields[2].isEmpty()) {
            if (!fields[2].matches("\\d{1,10}") || Long.parseLong(fields[2]) < 1) {
                throw new IllegalArgumentException("ttl must be a whole number of seconds, at least 1, got '" + fields[2] + "'");
            }
            ttl = Optional.of(Duration.ofSeconds(Long.parseLong(fields[2])));
        }
        boolean critical = false;
        if (fields.length == 4 && !fields[3].isEmpty()) {
            if (!fields[3].equals("true") && !fields[3].equals("false")) {
                throw new IllegalArgumentException("critical must be true or false, got '" + fields[3] + "'");
            }
            critical = Boolean.parseBoolean(fields[3]);
        }
        return Optional.of(new WarmEntry(fields[0], fields[1], ttl, critical));
    }

    /** The first {@code limit} skipped lines as "file:line: reason" lines. */
    public String describeSkipped(int limit) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (Map.Entry<Long, String> line : skipped().entrySet()) {
            if (shown++ == limit) {
                text.append("  ... and ").append(skipped.size() - limit).append(" more\n");
                break;
            }
            text.append("  ").append(file).append(':').append(line.getKey()).append(": ").append(line.getValue()).append('\n');
        }
        return text.toString();
    }
}
