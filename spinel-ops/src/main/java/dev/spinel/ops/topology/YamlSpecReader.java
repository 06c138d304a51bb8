package dev.spinel.ops.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code spinel.yaml}. Unknown keys are errors (a typo must not silently fall back to a
 * default), and every problem names the file, the line and the field.
 */
public final class YamlSpecReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private YamlSpecReader() {
    }

    /** A parsed draft and the source that locates its fields at their lines. */
    public record Parsed(SpecDraft draft, SpecSource source) {
    }

    public static Parsed read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new SpecException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parse(text, file.getFileName().toString());
    }

    public static Parsed parse(String text, String fileName) {
        if (text.isBlank()) {
            throw new SpecException(List.of(fileName + ": is empty; it needs at least 'mode:'"));
        }
        Map<String, Integer> lines = fieldLines(text, fileName);
        SpecDraft draft;
        try {
            draft = MAPPER.readValue(text, SpecDraft.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            Integer line = lines.get(path(e));
            throw new SpecException(List.of((line != null ? fileName + ":" + line : at(fileName, e.getLocation()))
                    + ": " + path(e) + ": unknown field (known here: " + known + ")"));
        } catch (JsonMappingException e) {
            throw new SpecException(List.of(at(fileName, e.getLocation()) + ": " + path(e) + ": "
                    + firstLine(e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw new SpecException(List.of(at(fileName, e.getLocation()) + ": not valid YAML: "
                    + firstLine(e.getOriginalMessage())));
        }
        SpecSource source = field -> {
            Integer line = lines.get(field);
            if (line == null && field.contains(".")) {
                line = lines.get(field.substring(0, field.lastIndexOf('.')));
            }
            return fileName + (line == null ? "" : ":" + line) + ": " + field;
        };
        return new Parsed(draft, source);
    }

    /** Where each key (as a dotted path) stands, read from the token stream before binding. */
    private static Map<String, Integer> fieldLines(String text, String fileName) {
        Map<String, Integer> lines = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            String pending = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> {
                        pending = parser.currentName();
                        lines.putIfAbsent(dotted(path, pending), parser.currentTokenLocation().getLineNr());
                    }
                    case START_OBJECT -> {
                        path.push(pending != null ? pending : path.isEmpty() ? "" : "[]");
                        pending = null;
                    }
                    case END_OBJECT -> path.pop();
                    default -> pending = null;
                }
            }
        } catch (JsonProcessingException e) {
            throw new SpecException(List.of(at(fileName, e.getLocation()) + ": not valid YAML: "
                    + firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new SpecException(List.of(fileName + ": cannot read: " + e.getMessage()));
        }
        return lines;
    }

    private static String dotted(Deque<String> path, String name) {
        StringBuilder dotted = new StringBuilder();
        path.reversed().stream().filter(part -> !part.isEmpty()).forEach(part -> dotted.append(part).append('.'));
        return dotted.append(name).toString();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String at(String fileName, JsonLocation location) {
        return location == null ? fileName : fileName + ":" + location.getLineNr();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
