package dev.spinel.ops.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlSpecReaderTest {

    @Test
    void readsEveryField() {
        String yaml = """
                version: 1
                mode: sentinel
                replicas: 2
                port-base: 6400
                hosts: [127.0.0.1, 127.0.0.2]
                profile: cache
                settings:
                  hz: 20
                  maxmemory: 100mb
                sentinel:
                  count: 5
                  quorum: 3
                  master-name: orders
                  port-base: 26400
                """;
        Spec spec = SpecResolver.resolve(YamlSpecReader.parse(yaml, "spinel.yaml").draft(), SpecSource.flags()).spec();
        assertThat(spec.mode()).isEqualTo(Mode.SENTINEL);
        assertThat(spec.portBase()).isEqualTo(6400);
        assertThat(spec.hosts()).containsExactly("127.0.0.1", "127.0.0.2");
        assertThat(spec.profile()).isEqualTo(Profile.CACHE);
        assertThat(spec.settings()).isEqualTo(Map.of("hz", "20", "maxmemory", "100mb"));
        assertThat(spec.sentinels()).isEqualTo(5);
        assertThat(spec.quorum()).isEqualTo(3);
        assertThat(spec.masterName()).isEqualTo("orders");
        assertThat(spec.sentinelPortBase()).isEqualTo(26400);
    }

    @Test
    void anUnknownKeyNamesFileLineAndField() {
        String yaml = """
                mode: cluster
                shards: 3
                sentinel:
                  count: 3
                  quorom: 2
                """;
        assertThatThrownBy(() -> YamlSpecReader.parse(yaml, "spinel.yaml"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("spinel.yaml:5: sentinel.quorom: unknown field")
                .hasMessageContaining("quorum");
    }

    @Test
    void aWrongTypeNamesFileLineAndField() {
        assertThatThrownBy(() -> YamlSpecReader.parse("mode: cluster\nshards: three\n", "spinel.yaml"))
                .hasMessageStartingWith("spinel.yaml:2: shards:");
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> YamlSpecReader.parse("mode: cluster\nshards: [3\n", "spinel.yaml"))
                .hasMessageStartingWith("spinel.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> YamlSpecReader.parse("  \n", "spinel.yaml")).hasMessageContaining("is empty");
    }

    @Test
    void validationProblemsPointAtTheLineOfTheField() {
        String yaml = """
                mode: sentinel
                sentinel:
                  count: 3
                  quorum: 7
                """;
        YamlSpecReader.Parsed parsed = YamlSpecReader.parse(yaml, "spinel.yaml");
        assertThatThrownBy(() -> SpecResolver.resolve(parsed.draft(), parsed.source()))
                .hasMessageStartingWith("spinel.yaml:4: sentinel.quorum: must be between 1 and the number of Sentinels");
    }

    @Test
    void writtenSpecsReadBack() {
        Spec spec = SpecResolver.resolve(SpecResolverTest.auto(6), SpecSource.flags()).spec();
        String yaml = YamlSpecWriter.render(SpecDraft.of(spec));
        YamlSpecReader.Parsed parsed = YamlSpecReader.parse(yaml, "spinel.yaml");
        assertThat(SpecResolver.resolve(parsed.draft(), parsed.source()).spec()).isEqualTo(spec);
        assertThat(yaml).contains("mode: cluster").contains("version: 1");
    }

    @Test
    void aBackupBlockSchedulesBackupsWithDefaultsAndReadsBack() {
        String yaml = """
                mode: sentinel
                backup:
                  schedule: "0 3 * * *"
                  keep: 7
                """;
        YamlSpecReader.Parsed parsed = YamlSpecReader.parse(yaml, "spinel.yaml");
        Spec spec = SpecResolver.resolve(parsed.draft(), parsed.source()).spec();
        BackupSchedule backup = spec.backup().orElseThrow();
        assertThat(backup).isEqualTo(new BackupSchedule("0 3 * * *", "rdb", "gzip", "auto", 7, 0, java.util.Optional.empty()));
        assertThat(backup.nextAfter(java.time.ZonedDateTime.parse("2026-11-23T21:30:00Z")))
                .isEqualTo(java.time.ZonedDateTime.parse("2026-11-24T03:00:00Z"));
        String written = YamlSpecWriter.render(SpecDraft.of(spec));
        YamlSpecReader.Parsed again = YamlSpecReader.parse(written, "spinel.yaml");
        assertThat(SpecResolver.resolve(again.draft(), again.source()).spec()).isEqualTo(spec);
    }

    @Test
    void aBadScheduleOrOptionNamesItsLine() {
        String yaml = """
                mode: sentinel
                backup:
                  schedule: "every night"
                """;
        YamlSpecReader.Parsed parsed = YamlSpecReader.parse(yaml, "spinel.yaml");
        assertThatThrownBy(() -> SpecResolver.resolve(parsed.draft(), parsed.source()))
                .hasMessageContaining("spinel.yaml:3: backup.schedule: 'every night' is not a cron expression of five fields");
        String badType = """
                mode: sentinel
                backup:
                  schedule: "*/15 * * * *"
                  type: tape
                """;
        YamlSpecReader.Parsed other = YamlSpecReader.parse(badType, "spinel.yaml");
        assertThatThrownBy(() -> SpecResolver.resolve(other.draft(), other.source()))
                .hasMessageContaining("spinel.yaml:4: backup.type: 'tape' is not one of [aof, both, rdb]");
    }
}
