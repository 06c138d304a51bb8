package dev.spinel.ops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebhookTest {
    @Test
    void anEventIsPostedAsJsonWithItsTypeNodeAndFigures() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.complete(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + "\n" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            new Webhook(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook")).post(new MonitorEvent(
                    Instant.parse("2026-11-23T10:00:00Z"), EventType.FAILOVER, "redis-6380", "failover: ...",
                    Map.of("old_primary", "127.0.0.1:6379", "new_primary", "127.0.0.1:6380")));

            String[] request = received.get(10, TimeUnit.SECONDS).split("\n", 2);
            assertThat(request[0]).isEqualTo("POST application/json");
            JsonNode body = new ObjectMapper().readTree(request[1]);
            assertThat(body.get("type").asText()).isEqualTo("FAILOVER");
            assertThat(body.get("at").asText()).isEqualTo("2026-11-23T10:00:00Z");
            assertThat(body.get("node").asText()).isEqualTo("redis-6380");
            assertThat(body.get("details").get("old_primary").asText()).isEqualTo("127.0.0.1:6379");
        } finally {
            server.stop(0);
        }
    }
}
