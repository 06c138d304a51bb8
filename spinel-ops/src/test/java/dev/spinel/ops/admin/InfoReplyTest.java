package dev.spinel.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfoReplyTest {

    @Test
    void parsesEverySectionOfACapturedClusterPrimary() {
        InfoReply info = InfoReply.parse(Replies.load("info-cluster-primary-7.0.txt"));
        assertThat(info.sectionNames()).contains("server", "clients", "memory", "persistence", "stats",
                "replication", "cpu", "commandstats", "latencystats", "cluster", "keyspace");
        assertThat(info.redisVersion()).isEqualTo("7.0.15");
        assertThat(info.role()).isEqualTo("master");
        assertThat(info.clusterEnabled()).isTrue();
        assertThat(info.isLoading()).isFalse();
        assertThat(info.usedMemory()).isPositive();
        assertThat(info.maxmemory()).isPositive();
        assertThat(info.connectedClients()).isPositive();
        assertThat(info.keys()).isEqualTo(2);
        assertThat(info.replicas()).singleElement().satisfies(replica -> {
            assertThat(replica.address()).isEqualTo("127.0.0.1:7003");
            assertThat(replica.state()).isEqualTo("online");
            assertThat(replica.lagSeconds()).isGreaterThanOrEqualTo(0);
        });
        assertThat(info.masterLinkStatus()).isEmpty();
        assertThat(info.replicationOffset()).isEqualTo(info.number("master_repl_offset"));
    }

    @Test
    void parsesACapturedClusterReplica() {
        InfoReply info = InfoReply.parse(Replies.load("info-cluster-replica-7.0.txt"));
        assertThat(info.role()).isEqualTo("slave");
        assertThat(info.masterAddress()).contains("127.0.0.1:7000");
        assertThat(info.masterLinkStatus()).contains("up");
        assertThat(info.replicas()).isEmpty();
        assertThat(info.replicationOffset()).isEqualTo(info.number("slave_repl_offset"));
    }

    @Test
    void parsesACapturedSentinel() {
        InfoReply info = InfoReply.parse(Replies.load("info-sentinel-7.0.txt"));
        assertThat(info.field("redis_mode")).contains("sentinel");
        assertThat(info.section("sentinel")).containsKey("master0");
        assertThat(info.section("sentinel").get("master0")).contains("name=mymaster", "status=ok", "sentinels=3");
    }

    @Test
    void keepsUnknownFieldsAndToleratesOddLines() {
        InfoReply info = InfoReply.parse("# Server\r\nfuture_field:42\r\nno colon here\r\n\r\n# Keyspace\r\n"
                + "db0:keys=3,expires=1,avg_ttl=0\r\ndb5:keys=4,expires=0,avg_ttl=0\r\n");
        assertThat(info.number("future_field")).isEqualTo(42);
        assertThat(info.keys()).isEqualTo(7);
        assertThat(info.number("missing")).isZero();
    }

    @Test
    void readsIpv6ReplicaLines() {
        InfoReply info = InfoReply.parse("# Replication\r\nrole:master\r\nconnected_slaves:1\r\n"
                + "slave0:ip=::1,port=6380,state=online,offset=14,lag=1\r\n");
        assertThat(info.replicas()).singleElement().satisfies(r -> assertThat(r.address()).isEqualTo("[::1]:6380"));
    }
}
