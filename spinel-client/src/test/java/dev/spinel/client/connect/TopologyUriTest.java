package dev.spinel.client.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

class TopologyUriTest {

    @Test
    void aSingleNodeIsStandaloneUntilItSaysOtherwise() {
        TopologyUri.Parsed parsed = TopologyUri.parse("redis://secret@127.0.0.1:6379/0");
        assertThat(parsed.declared()).isEqualTo(Mode.STANDALONE);
        assertThat(parsed.uris()).singleElement().satisfies(uri -> {
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(uri.getPort()).isEqualTo(6379);
        });
    }

    @Test
    void severalHostsAreClusterSeedsSharingTheCredentials() {
        TopologyUri.Parsed parsed = TopologyUri.parse("redis://secret@127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002");
        assertThat(parsed.declared()).isEqualTo(Mode.CLUSTER);
        assertThat(parsed.uris()).extracting(RedisURI::getPort).containsExactly(7000, 7001, 7002);
        assertThat(parsed.uris()).allSatisfy(uri -> assertThat(uri.getCredentialsProvider()
                .resolveCredentials().block().getPassword()).isEqualTo("secret".toCharArray()));
    }

    @Test
    void sentinelUrisNameTheMasterAsAPathOrAFragment() {
        for (String text : new String[] {"redis-sentinel://pw@127.0.0.1:26379,127.0.0.1:26380/mymaster",
                "redis-sentinel://pw@127.0.0.1:26379,127.0.0.1:26380#mymaster"}) {
            TopologyUri.Parsed parsed = TopologyUri.parse(text);
            assertThat(parsed.declared()).isEqualTo(Mode.SENTINEL);
            RedisURI uri = parsed.uris().getFirst();
            assertThat(uri.getSentinelMasterId()).isEqualTo("mymaster");
            assertThat(uri.getSentinels()).extracting(RedisURI::getPort).containsExactly(26379, 26380);
        }
    }

    @Test
    void aSentinelUriWithoutMasterNameIsRefused() {
        assertThatThrownBy(() -> TopologyUri.parse("redis-sentinel://127.0.0.1:26379"))
                .hasMessageContaining("names the master");
    }

    @Test
    void unknownSchemesAreRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> TopologyUri.parse("http://secret@host:1"))
                .hasMessageContaining("unknown scheme 'http'").hasMessageNotContaining("secret");
    }
}
