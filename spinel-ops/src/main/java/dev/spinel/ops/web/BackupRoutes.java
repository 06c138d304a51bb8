package dev.spinel.ops.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spinel.ops.Choices;
import dev.spinel.ops.SpinelException;
import dev.spinel.ops.backup.Backups;
import dev.spinel.ops.backup.Compression;
import dev.spinel.ops.backup.ConsoleBackups;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/backups} lists the console's backups; {@code POST /api/backups} takes one and
 * answers when it is complete, with the same choices as {@code spinel backup} as JSON fields. A
 * backup from a console that already runs is one JVM start cheaper than the command. The POST
 * must say {@code Content-Type: application/json}: a web page cannot send that to another origin
 * without the browser asking first, which the console never allows.
 */
final class BackupRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("type", "compress", "from", "verify", "keep", "retention_days");

    private final Optional<ConsoleBackups> backups;

    BackupRoutes(Optional<ConsoleBackups> backups) {
        this.backups = backups;
    }

    void list(Context ctx) {
        withBackups(ctx, console -> ctx.json(ApiViews.backups(console.running(), console.list())));
    }

    void take(Context ctx) {
        withBackups(ctx, console -> {
            String contentType = Optional.ofNullable(ctx.contentType()).orElse("");
            if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                ctx.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).json(Map.of("error",
                        "send Content-Type: application/json, with {} for every default"));
                return;
            }
            Backups.Result result;
            try {
                result = console.takeUnlessBusy(options(ctx.body()), "requested");
            } catch (SpinelException e) {
                ctx.status(switch (e.kind()) {
                    case BAD_INPUT -> HttpStatus.BAD_REQUEST;
                    case BLOCKED -> HttpStatus.CONFLICT;
                    case FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
                }).json(Map.of("error", e.getMessage()));
                return;
            }
            ctx.status(HttpStatus.CREATED).json(ApiViews.backupTaken(result));
        });
    }

    /** The request's fields, each defaulting as {@code spinel backup}'s option does. */
    static ConsoleBackups.Options options(String body) {
        JsonNode fields;
        try {
            fields = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not JSON: " + e.getOriginalMessage());
        }
        if (!fields.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object, such as {\"compress\": \"none\"}");
        }
        fields.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'; known: type, compress, from, verify, "
                        + "keep, retention_days");
            }
        });
        int retentionDays = whole(fields, "retention_days");
        return new ConsoleBackups.Options(
                Choices.of("type", text(fields, "type", "rdb"), Backups.Type.class),
                Choices.of("compress", text(fields, "compress", "gzip"), Compression.class),
                Choices.of("from", text(fields, "from", "auto"), Backups.From.class),
                flag(fields, "verify", true), whole(fields, "keep"),
                retentionDays > 0 ? Optional.of(Duration.ofDays(retentionDays)) : Optional.empty());
    }

    private static String text(JsonNode fields, String name, String fallback) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string, got " + value);
        }
        return value.asText();
    }

    private static boolean flag(JsonNode fields, String name, boolean fallback) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(name + " must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    /** A count of zero or more; absent is 0 (keep every backup, delete none by age). */
    private static int whole(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new IllegalArgumentException(name + " must be a whole number of 0 or more, got " + value);
        }
        return value.asInt();
    }

    private interface BackupsHandler {
        void handle(ConsoleBackups backups);
    }

    private void withBackups(Context ctx, BackupsHandler handler) {
        if (backups.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error",
                    "this console watches nodes outside a Spinel project, which has no backups; serve a project "
                            + "(spinel serve --dir DIR) for /api/backups"));
            return;
        }
        handler.handle(backups.get());
    }
}
