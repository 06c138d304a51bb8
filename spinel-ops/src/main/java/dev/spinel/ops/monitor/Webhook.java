package dev.spinel.ops.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts each event as JSON to a URL, without waiting: a slow or failing receiver only gets a log line. */
public final class Webhook {
    private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);
    private static final ObjectMapper JSON = EventJson.MAPPER;

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Webhook(URI url) {
        this.url = url;
    }

    public void post(MonitorEvent event) {
        String body;
        try {
            body = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event did not serialize: " + event, e);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.warn("webhook {} failed for a {} event: {}", url, event.type().id(), failure.toString());
            } else if (response.statusCode() >= 300) {
                LOG.warn("webhook {} answered {} for a {} event", url, response.statusCode(), event.type().id());
            }
        });
    }
}
