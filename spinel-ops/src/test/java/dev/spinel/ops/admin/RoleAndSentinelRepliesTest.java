package dev.spinel.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ROLE and SENTINEL replies as Lettuce hands them over, built from replies captured on Redis 7.0.15. */
class RoleAndSentinelRepliesTest {

    @Test
    void primaryRole() {
        RoleReply role = RoleReply.parse(List.of("master", 0L,
                List.of(List.of("127.0.0.1", "6380", "0"), List.of("127.0.0.1", "6381", "0"))));
        assertThat(role).isInstanceOfSatisfying(RoleReply.Primary.class, primary -> {
            assertThat(primary.replicas()).extracting(RoleReply.AttachedReplica::port).containsExactly(6380, 6381);
            assertThat(primary.offset()).isZero();
        });
        assertThat(role.name()).isEqualTo("master");
    }

    @Test
    void replicaRole() {
        RoleReply role = RoleReply.parse(List.of("slave", "127.0.0.1", 7000L, "connected", 95L));
        assertThat(role).isInstanceOfSatisfying(RoleReply.Replica.class, replica -> {
            assertThat(replica.primaryAddress()).isEqualTo("127.0.0.1:7000");
            assertThat(replica.isConnected()).isTrue();
            assertThat(replica.offset()).isEqualTo(95);
        });
    }

    @Test
    void replicaStillSyncing() {
        RoleReply role = RoleReply.parse(List.of("slave", "::1", 6379L, "sync", -1L));
        assertThat(role).isInstanceOfSatisfying(RoleReply.Replica.class, replica -> {
            assertThat(replica.isConnected()).isFalse();
            assertThat(replica.primaryAddress()).isEqualTo("[::1]:6379");
        });
    }

    @Test
    void sentinelRole() {
        assertThat(RoleReply.parse(List.of("sentinel", List.of("mymaster"))))
                .isEqualTo(new RoleReply.Sentinel(List.of("mymaster")));
    }

    @Test
    void unknownRoleIsAnError() {
        assertThatThrownBy(() -> RoleReply.parse(List.of("witness"))).hasMessageContaining("witness");
    }

    @Test
    void sentinelMaster() {
        Map<String, String> fields = new LinkedHashMap<>();
        String[] captured = {"name", "mymaster", "ip", "127.0.0.1", "port", "6379", "runid",
                "0151c32cc9b3b19dc37f65f885bd5beb0bf29dcd", "flags", "master", "link-pending-commands", "0",
                "down-after-milliseconds", "5000", "role-reported", "master", "config-epoch", "0", "num-slaves", "2",
                "num-other-sentinels", "2", "quorum", "2", "failover-timeout", "30000", "parallel-syncs", "1"};
        for (int i = 0; i < captured.length; i += 2) {
            fields.put(captured[i], captured[i + 1]);
        }
        SentinelView.Primary primary = SentinelView.primary(fields);
        assertThat(primary.address()).isEqualTo("127.0.0.1:6379");
        assertThat(primary.replicas()).isEqualTo(2);
        assertThat(primary.otherSentinels()).isEqualTo(2);
        assertThat(primary.quorum()).isEqualTo(2);
        assertThat(primary.isDown()).isFalse();
        assertThat(SentinelView.primary(Map.of("flags", "master,s_down,o_down")).isDown()).isTrue();
    }

    @Test
    void sentinelReplicas() {
        List<SentinelView.Peer> peers = SentinelView.peers(List.of(
                Map.of("name", "127.0.0.1:6380", "ip", "127.0.0.1", "port", "6380", "flags", "slave",
                        "master-link-status", "ok", "runid", "ddaebc12746fb83c59e37e8441435867c5b142b4"),
                Map.of("name", "127.0.0.1:6381", "ip", "127.0.0.1", "port", "6381", "flags", "s_down,slave,disconnected",
                        "master-link-status", "err", "runid", "")));
        assertThat(peers).extracting(SentinelView.Peer::address).containsExactly("127.0.0.1:6380", "127.0.0.1:6381");
        assertThat(peers).extracting(SentinelView.Peer::isDown).containsExactly(false, true);
    }

    @Test
    void serverErrorsAreToldApartByTheirFirstWord() {
        assertThat(ServerError.of("LOADING Redis is loading the dataset in memory")).isEqualTo(ServerError.LOADING);
        assertThat(ServerError.of("LOADING x").isTransient()).isTrue();
        assertThat(ServerError.of("READONLY You can't write against a read only replica.")).isEqualTo(ServerError.READONLY);
        assertThat(ServerError.of("NOAUTH Authentication required.")).isEqualTo(ServerError.NOAUTH);
        assertThat(ServerError.of("WRONGPASS invalid username-password pair")).isEqualTo(ServerError.WRONGPASS);
        assertThat(ServerError.of("BUSY Redis is busy running a script.")).isEqualTo(ServerError.BUSY);
        assertThat(ServerError.of("CLUSTERDOWN The cluster is down")).isEqualTo(ServerError.CLUSTERDOWN);
        assertThat(ServerError.of("ERR unknown command")).isEqualTo(ServerError.OTHER);
        assertThat(ServerError.of("WRONGPASS invalid username-password pair").isAuthentication()).isTrue();
        assertThat(ServerError.LOADING.isAuthentication()).isFalse();
        assertThat(ServerError.of(new RuntimeException("wrapper", new RuntimeException("MASTERDOWN Link down"))))
                .isEqualTo(ServerError.MASTERDOWN);
    }
}
