package dev.spinel.ops.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.lock.Lock;
import dev.spinel.client.lock.LockManager;
import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.ops.monitor.ConnectTarget;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.NodeRef;
import dev.spinel.ops.monitor.Poller;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.monitor.WatchTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console against a real Sentinel topology: health, events, metrics, locks, a failover. */
class ConsoleIT {
    @TempDir
    Path temp;

    private static List<JsonNode> events(ConsoleHttp http, String type) {
        JsonNode events = http.get("/api/events?limit=1000").json().get("events");
        return StreamSupport.stream(events.spliterator(), false).filter(e -> e.get("type").asText().equals(type))
                .toList();
    }

    @Test
    void aKilledReplicaDegradesWithinThreeSecondsAndAFailoverIsOneEvent() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            try (Monitor monitor = new Monitor(WatchTarget.ofProject(fixture.dir), Duration.ofSeconds(1),
                    Optional.empty(), Clock.systemUTC());
                 ConsoleServer server = new ConsoleServer(monitor, Optional.empty()).start("127.0.0.1", 0)) {
                monitor.start();
                ConsoleHttp http = new ConsoleHttp(server.port(), null);
                await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/health").status() == 200);
                JsonNode health = http.get("/api/health").json();
                assertThat(health.get("status").asText()).isEqualTo("healthy");
                assertThat(health.get("master").get("port").asInt()).isEqualTo(fixture.portBase);
                assertThat(health.get("replicas")).hasSize(2);
                assertThat(health.get("master_name").asText()).isEqualTo("mymaster");
                assertThat(http.get("/metrics").body()).contains("redis_up{addr=\"127.0.0.1:" + fixture.portBase + "\"");
                assertThat(http.get("/metrics").body()).doesNotContain(fixture.password());
                assertThat(http.get("/api/health").body()).doesNotContain(fixture.password());

                String replica = "redis-" + (fixture.portBase + 2);
                long killedAt = System.nanoTime();
                fixture.kill9(replica);
                await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() ->
                        http.get("/api/health").status() == 503 && !events(http, "node_down").isEmpty());
                long degradedMillis = (System.nanoTime() - killedAt) / 1_000_000;
                System.out.println("console: killed replica seen degraded with an event after " + degradedMillis + " ms");
                assertThat(http.get("/api/health").json().get("status").asText()).isEqualTo("degraded");
                assertThat(events(http, "node_down")).singleElement()
                        .satisfies(e -> assertThat(e.get("node").asText()).isEqualTo(replica));

                fixture.upAgain();
                await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/health").status() == 200);

                String primary = "redis-" + fixture.portBase;
                fixture.kill9(primary);
                await().atMost(Duration.ofSeconds(30)).until(() -> !events(http, "failover").isEmpty());
                fixture.upAgain();
                await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/health").status() == 200);
                List<JsonNode> failovers = events(http, "failover");
                assertThat(failovers).singleElement().satisfies(e -> {
                    assertThat(e.get("details").get("old_primary").asText()).isEqualTo("127.0.0.1:" + fixture.portBase);
                    assertThat(e.get("details").get("new_primary").asText()).isIn(
                            "127.0.0.1:" + (fixture.portBase + 1), "127.0.0.1:" + (fixture.portBase + 2));
                });
                assertThat(http.get("/metrics").body()).contains("spinel_failovers_total{mode=\"sentinel\"");
            }
        }
    }

    @Test
    void aTopologySpinelDidNotStartIsDiscoveredFromOneSentinel() {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            WatchTarget target = ConnectTarget.discover(List.of(ConnectTarget.Seed.parse("redis://:" + fixture.password()
                    + "@127.0.0.1:" + fixture.sentinelPortBase)), Optional.empty(), Duration.ofSeconds(5));

            assertThat(target.expected().mode()).isEqualTo(Mode.SENTINEL);
            assertThat(target.expected().replicasPerPrimary()).isEqualTo(2);
            assertThat(target.expected().sentinels()).isEqualTo(3);
            assertThat(target.expected().quorum()).isEqualTo(2);
            assertThat(target.nodes()).extracting(NodeRef::port).containsExactlyInAnyOrder(fixture.portBase,
                    fixture.portBase + 1, fixture.portBase + 2, fixture.sentinelPortBase, fixture.sentinelPortBase + 1,
                    fixture.sentinelPortBase + 2);
            try (Poller poller = new Poller(target, Duration.ofSeconds(1), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> poller.pollOnce().health().isHealthy());
            }
        }
    }

    @Test
    void aReplicationTopologyIsDiscoveredFromOneReplica() {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("replication", null, null, null));
            WatchTarget target = ConnectTarget.discover(List.of(ConnectTarget.Seed.parse("127.0.0.1:"
                    + (fixture.portBase + 2))), Optional.of(fixture.password()), Duration.ofSeconds(5));

            assertThat(target.expected().mode()).isEqualTo(Mode.REPLICATION);
            assertThat(target.expected().replicasPerPrimary()).isEqualTo(2);
            assertThat(target.nodes()).extracting(NodeRef::port).containsExactlyInAnyOrder(fixture.portBase,
                    fixture.portBase + 1, fixture.portBase + 2);
        }
    }

    @Test
    void locksAreReadFromTheirKeysAndATokenGuardsTheApi() {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            String uri = "redis://" + fixture.password() + "@127.0.0.1:" + fixture.portBase;
            try (Monitor monitor = new Monitor(WatchTarget.ofProject(fixture.dir), Duration.ofSeconds(1),
                    Optional.empty(), Clock.systemUTC());
                 ConsoleServer server = new ConsoleServer(monitor, Optional.of("s3cret")).start("127.0.0.1", 0);
                 SpinelClient client = SpinelClient.create(uri);
                 LockManager locks = LockManager.create(client)) {
                monitor.start();
                ConsoleHttp http = new ConsoleHttp(server.port(), "s3cret");
                assertThat(new ConsoleHttp(server.port(), null).get("/api/health").status()).isEqualTo(401);
                assertThat(new ConsoleHttp(server.port(), "wrong").get("/metrics").status()).isEqualTo(401);
                await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/health").status() == 200);

                try (Lock lock = locks.acquire("file_upload:42", Duration.ofSeconds(30), Duration.ofSeconds(1))) {
                    JsonNode info = http.get("/api/locks/file_upload:42").json();
                    assertThat(info.get("held").asBoolean()).isTrue();
                    assertThat(info.get("holder").asText()).isEqualTo(lock.token());
                    assertThat(info.get("fencing_token").asLong()).isEqualTo(lock.fencingToken());
                    assertThat(info.get("lease_left_ms").asLong()).isBetween(1L, 30_000L);
                }
                assertThat(http.get("/api/locks/file_upload:42").json().get("held").asBoolean()).isFalse();
                assertThat(http.get("/api/series?range=0").status()).isEqualTo(400);
            }
        }
    }

    @Test
    void aNodeThatStopsAnsweringIsShownDownWithoutStallingTheConsoleAndComesBack() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            try (Monitor monitor = new Monitor(WatchTarget.ofProject(fixture.dir), Duration.ofMillis(500),
                    Optional.empty(), Clock.systemUTC());
                 ConsoleServer server = new ConsoleServer(monitor, Optional.empty()).start("127.0.0.1", 0)) {
                monitor.start();
                ConsoleHttp http = new ConsoleHttp(server.port(), null);
                await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/health").status() == 200);
                signal("STOP", fixture.pid("redis-" + fixture.portBase));
                try {
                    await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/api/health").status() == 503);
                    JsonNode node = http.get("/api/health").json().get("nodes").get(0);
                    assertThat(node.get("up").asBoolean()).isFalse();
                    assertThat(node.get("error").asText()).isNotBlank();
                } finally {
                    signal("CONT", fixture.pid("redis-" + fixture.portBase));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/health").status() == 200);
                assertThat(events(http, "node_up")).isNotEmpty();
            }
        }
    }

    /** SIGSTOP / SIGCONT by PID: the JDK sends only TERM and KILL. */
    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
    }

    @Test
    void aWrongPasswordShowsTheNodesDownWithTheReasonAndNeverBreaksTheApi() {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            WatchTarget real = WatchTarget.ofProject(fixture.dir);
            WatchTarget wrong = new WatchTarget(real.name(), real.expected(), real.nodes(), () -> "not-the-password",
                    Optional.empty());
            try (Monitor monitor = new Monitor(wrong, Duration.ofMillis(500), Optional.empty(), Clock.systemUTC());
                 ConsoleServer server = new ConsoleServer(monitor, Optional.empty()).start("127.0.0.1", 0)) {
                monitor.start();
                ConsoleHttp http = new ConsoleHttp(server.port(), null);
                await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/health").json().has("nodes"));
                ConsoleHttp.Reply reply = http.get("/api/health");
                assertThat(reply.status()).isEqualTo(503);
                List<String> errors = new ArrayList<>();
                reply.json().get("nodes").forEach(n -> errors.add(n.get("error").asText()));
                assertThat(errors).singleElement().satisfies(e -> assertThat(e).contains("authentication failed"));
                assertThat(http.get("/api/stats").status()).isEqualTo(200);
                assertThat(http.get("/metrics").body()).contains("redis_up{addr=\"127.0.0.1:" + fixture.portBase
                        + "\",alias=\"redis-" + fixture.portBase + "\"} 0.0");
            }
        }
    }
}
