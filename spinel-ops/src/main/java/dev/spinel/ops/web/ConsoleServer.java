package dev.spinel.ops.web;

import dev.spinel.ops.backup.ConsoleBackups;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.SeriesStore;
import dev.spinel.ops.monitor.Snapshot;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's HTTP side: the JSON API, /metrics and the dashboard's files. It reads the
 * monitor's latest snapshot and computes nothing of its own; the one thing it does is take a
 * backup when asked ({@link BackupRoutes}). Binds loopback unless told
 * otherwise; with a token, /api and /metrics need {@code Authorization: Bearer <token>}.
 */
public final class ConsoleServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 9121;
    private static final int DEFAULT_EVENTS = 100;

    private final Monitor monitor;
    private final Optional<String> token;
    private final LockLookup locks;
    private final Javalin app;

    /** A console without backups: it watches nodes outside a project. */
    public ConsoleServer(Monitor monitor, Optional<String> token) {
        this(monitor, token, Optional.empty());
    }

    public ConsoleServer(Monitor monitor, Optional<String> token, Optional<ConsoleBackups> backups) {
        this.monitor = monitor;
        this.token = token;
        this.locks = new LockLookup(monitor);
        BackupRoutes backupRoutes = new BackupRoutes(backups);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/web", Location.CLASSPATH);
            config.routes.before("/api/*", this::authorize);
            config.routes.before("/metrics", this::authorize);
            config.routes.get("/api/health", ctx -> withSnapshot(ctx, snapshot -> {
                ctx.status(snapshot.health().isHealthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
                ctx.json(ApiViews.health(snapshot));
            }));
            config.routes.get("/api/stats", ctx -> withSnapshot(ctx, snapshot -> ctx.json(ApiViews.stats(snapshot))));
            config.routes.get("/api/sentinel/status", ctx -> withSnapshot(ctx,
                    snapshot -> ctx.json(ApiViews.sentinel(snapshot))));
            config.routes.get("/api/cluster", ctx -> withSnapshot(ctx, snapshot -> ctx.json(ApiViews.cluster(snapshot))));
            config.routes.get("/api/events", ctx -> ctx.json(ApiViews.events(monitor.events()
                    .newest((int) longParam(ctx, "limit", DEFAULT_EVENTS, 1, 10_000)))));
            config.routes.get("/api/series", this::series);
            config.routes.get("/api/locks/{name}", ctx -> ctx.json(locks.info(ctx.pathParam("name"))));
            config.routes.get("/api/backups", backupRoutes::list);
            config.routes.post("/api/backups", backupRoutes::take);
            config.routes.get("/metrics", ctx -> withSnapshot(ctx, snapshot -> {
                ctx.contentType(PrometheusExposition.CONTENT_TYPE);
                ctx.result(PrometheusExposition.render(snapshot, monitor.eventCounts(), monitor.backups(),
                        monitor.audits()));
            }));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST)
                    .json(Map.of("error", e.getMessage())));
        });
    }

    /** Starts listening; port 0 picks a free one (see {@link #port()}). */
    public ConsoleServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private void authorize(Context ctx) {
        if (token.isEmpty()) {
            return;
        }
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        byte[] given = header.startsWith("Bearer ") ? header.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
        // Constant time, so the token cannot be guessed a character at a time.
        if (!MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "this console needs Authorization: Bearer <token>"));
            ctx.skipRemainingHandlers();
        }
    }

    private interface SnapshotHandler {
        void handle(Snapshot snapshot);
    }

    private void withSnapshot(Context ctx, SnapshotHandler handler) {
        Optional<Snapshot> snapshot = monitor.latest();
        if (snapshot.isEmpty()) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("status", "unknown",
                    "reason", "no poll has completed yet"));
            return;
        }
        handler.handle(snapshot.get());
    }

    private void series(Context ctx) {
        String metricId = Optional.ofNullable(ctx.queryParam("metric")).orElse("ops_per_sec");
        SeriesStore.Metric metric = SeriesStore.Metric.of(metricId)
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + metricId + "'"));
        String node = Optional.ofNullable(ctx.queryParam("node")).orElse(SeriesStore.TOTAL);
        long seconds = longParam(ctx, "range", 600, 1, 86_400);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("node", node);
        view.put("metric", metric.id());
        view.put("points", monitor.series().series(node, metric, Duration.ofSeconds(seconds), System.currentTimeMillis())
                .stream().map(p -> new Object[] {p.at(), p.value()}).toList());
        ctx.json(view);
    }

    /** A numeric query parameter within bounds; anything else is a 400 naming the parameter. */
    private static long longParam(Context ctx, String name, long fallback, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got '"
                + text + "'");
    }

    @Override
    public void close() {
        app.stop();
    }
}
