package dev.spinel.ops.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spinel.ops.backup.BackupMetadata;
import dev.spinel.ops.backup.Backups;
import dev.spinel.ops.backup.ConsoleBackups;
import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** POST and GET /api/backups against a real node: a backup taken, bad requests refused, one at a time. */
@ExtendWith(RedisLeakCheck.class)
class BackupApiIT {
    private static final String JSON = "application/json";

    @TempDir
    Path temp;

    @Test
    void aRequestedBackupIsCompleteListedAndAnEventAndBadRequestsLeaveNoFolder() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            try (Jedis node = fixture.jedis(fixture.portBase)) {
                for (int i = 0; i < 500; i++) {
                    node.set("key:" + i, "value:" + i);
                }
            }
            try (Monitor monitor = new Monitor(WatchTarget.ofProject(fixture.dir), Duration.ofSeconds(1),
                    Optional.empty(), Clock.systemUTC());
                 ConsoleServer server = new ConsoleServer(monitor, Optional.empty(), Optional.of(new ConsoleBackups(
                         fixture.dir, Optional.empty(), "test", monitor, Clock.systemUTC()))).start("127.0.0.1", 0)) {
                ConsoleHttp http = new ConsoleHttp(server.port(), null);

                assertThat(http.post("/api/backups", null, "{}").status()).as("no JSON content type").isEqualTo(415);
                assertThat(http.post("/api/backups", "text/plain", "{}").status()).isEqualTo(415);
                ConsoleHttp.Reply misspelt = http.post("/api/backups", JSON, "{\"compres\": \"none\"}");
                assertThat(misspelt.status()).isEqualTo(400);
                assertThat(misspelt.json().get("error").asText()).contains("unknown field 'compres'");
                ConsoleHttp.Reply badChoice = http.post("/api/backups", JSON, "{\"from\": \"standby\"}");
                assertThat(badChoice.status()).isEqualTo(400);
                assertThat(badChoice.json().get("error").asText()).isEqualTo(
                        "from standby: expected one of auto, primary, replica");
                assertThat(http.post("/api/backups", JSON, "{\"keep\": -1}").json().get("error").asText())
                        .isEqualTo("keep must be a whole number of 0 or more, got -1");
                assertThat(http.post("/api/backups", JSON, "[1]").status()).isEqualTo(400);
                assertThat(http.post("/api/backups", JSON, "{\"verify\": \"yes\"}").status()).isEqualTo(400);
                assertThat(Backups.store(fixture.dir, Optional.empty()).list())
                        .as("no refused request made a backup").isEmpty();

                ConsoleHttp.Reply taken = http.post("/api/backups", JSON, "{\"compress\": \"none\", \"verify\": true}");
                assertThat(taken.status()).as(taken.body()).isEqualTo(201);
                JsonNode backup = taken.json().get("backup");
                String id = taken.json().get("id").asText();
                assertThat(backup.get("keys").get("db0").asLong()).isEqualTo(500);
                assertThat(backup.get("keys_verified").asBoolean()).as("loaded into a throwaway node").isTrue();
                JsonNode file = backup.get("files").get(0);
                Path stored = Path.of(taken.json().get("folder").asText()).resolve(file.get("name").asText());
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(stored)))).isEqualTo(file.get("sha256").asText());

                JsonNode listed = http.get("/api/backups").json();
                assertThat(listed.get("running").asBoolean()).isFalse();
                assertThat(listed.get("backups")).singleElement()
                        .satisfies(b -> assertThat(b.get("id").asText()).isEqualTo(id));
                BackupMetadata onDisk = Backups.store(fixture.dir, Optional.empty()).list().getFirst();
                assertThat(onDisk.id()).isEqualTo(id);
                assertThat(monitor.backups().lastSuccess()).hasValueSatisfying(run -> assertThat(run.id()).isEqualTo(id));
                assertThat(monitor.events().newest(1)).singleElement().satisfies(event -> {
                    assertThat(event.type()).isEqualTo(EventType.BACKUP_SUCCEEDED);
                    assertThat(event.message()).startsWith("requested backup " + id);
                });
            }
        }
    }

    @Test
    void aSecondRequestWhileOneRunsIsTurnedAwayAndTheFirstCompletes() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            try (Jedis node = fixture.jedis(fixture.portBase)) {
                node.set("a", "1");
                // The node waits this long before it streams a diskless snapshot: the first backup is
                // still running when the second request comes.
                node.configSet("repl-diskless-sync", "yes");
                node.configSet("repl-diskless-sync-delay", "3");
            }
            try (Monitor monitor = new Monitor(WatchTarget.ofProject(fixture.dir), Duration.ofSeconds(1),
                    Optional.empty(), Clock.systemUTC());
                 ConsoleServer server = new ConsoleServer(monitor, Optional.empty(), Optional.of(new ConsoleBackups(
                         fixture.dir, Optional.empty(), "test", monitor, Clock.systemUTC()))).start("127.0.0.1", 0)) {
                ConsoleHttp http = new ConsoleHttp(server.port(), null);
                CompletableFuture<ConsoleHttp.Reply> first = CompletableFuture.supplyAsync(() ->
                        http.post("/api/backups", JSON, "{\"compress\": \"none\", \"verify\": false}"));
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> http.get("/api/backups").json().get("running").asBoolean());
                ConsoleHttp.Reply second = http.post("/api/backups", JSON, "{}");
                assertThat(second.status()).isEqualTo(409);
                assertThat(second.json().get("error").asText()).contains("a backup is already running");
                assertThat(first.get().status()).as(first.get().body()).isEqualTo(201);
                assertThat(Backups.store(fixture.dir, Optional.empty()).list()).singleElement()
                        .satisfies(b -> assertThat(b.totalKeys()).isEqualTo(1));
            }
        }
    }
}
