package dev.spinel.ops.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecResolverTest {

    static SpecDraft draft(String mode) {
        return new SpecDraft(null, mode, null, null, null, null, null, null, null, null);
    }

    static SpecDraft auto(int nodes) {
        return new SpecDraft(null, "auto", nodes, null, null, null, null, null, null, null);
    }

    static Spec resolve(SpecDraft draft) {
        return SpecResolver.resolve(draft, SpecSource.flags()).spec();
    }

    @Test
    void noModeMeansSentinelWithTwoReplicasAndThreeSentinels() {
        Spec spec = resolve(SpecDraft.empty());
        assertThat(spec.mode()).isEqualTo(Mode.SENTINEL);
        assertThat(spec.replicas()).isEqualTo(2);
        assertThat(spec.sentinels()).isEqualTo(3);
        assertThat(spec.quorum()).isEqualTo(2);
        assertThat(spec.masterName()).isEqualTo("mymaster");
        assertThat(spec.portBase()).isEqualTo(6379);
        assertThat(spec.sentinelPortBase()).isEqualTo(26379);
        assertThat(spec.profile()).isEqualTo(Profile.STORE);
    }

    @Test
    void clusterDefaultsToThreeShardsWithOneReplicaFrom7000() {
        Spec spec = resolve(draft("cluster"));
        assertThat(spec.shards()).isEqualTo(3);
        assertThat(spec.replicas()).isEqualTo(1);
        assertThat(spec.portBase()).isEqualTo(7000);
        assertThat(spec.dataNodeCount()).isEqualTo(6);
        assertThat(spec.sentinels()).isZero();
    }

    @Test
    void replicationDefaultsToTwoReplicasOn6379To6381() {
        Spec spec = resolve(draft("replication"));
        assertThat(spec.replicas()).isEqualTo(2);
        assertThat(spec.dataNodeCount()).isEqualTo(3);
        assertThat(spec.portBase()).isEqualTo(6379);
    }

    @Test
    void autoPicksFromTheNodeCountAsTheSetupScriptDid() {
        assertThat(resolve(auto(1)).mode()).isEqualTo(Mode.STANDALONE);
        Spec two = resolve(auto(2));
        assertThat(two.mode()).isEqualTo(Mode.SENTINEL);
        assertThat(two.replicas()).isEqualTo(1);
        Spec three = resolve(auto(3));
        assertThat(three.mode()).isEqualTo(Mode.CLUSTER);
        assertThat(three.shards()).isEqualTo(3);
        assertThat(three.replicas()).isZero();
        Spec six = resolve(auto(6));
        assertThat(six.mode()).isEqualTo(Mode.CLUSTER);
        assertThat(six.shards()).isEqualTo(3);
        assertThat(six.replicas()).isEqualTo(1);
        Spec eight = resolve(auto(8));
        assertThat(eight.shards()).isEqualTo(4);
        assertThat(eight.replicas()).isEqualTo(1);
    }

    @Test
    void autoWarnsWhenThereIsNoFailover() {
        assertThat(SpecResolver.resolve(auto(1), SpecSource.flags()).warnings())
                .singleElement().asString().contains("no failover");
        assertThat(SpecResolver.resolve(auto(4), SpecSource.flags()).warnings())
                .singleElement().asString().contains("without replicas");
        assertThat(SpecResolver.resolve(auto(6), SpecSource.flags()).warnings()).isEmpty();
    }

    @Test
    void explicitStandaloneWarnsItHasNoFailover() {
        assertThat(SpecResolver.resolve(draft("standalone"), SpecSource.flags()).warnings())
                .singleElement().asString().contains("no failover");
    }

    @Test
    void autoRefusesAnOddCountFromSevenOn() {
        assertThatThrownBy(() -> resolve(auto(7)))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("--nodes")
                .hasMessageContaining("6 or 8");
    }

    @Test
    void autoRefusesShapeFieldsNextToNodes() {
        SpecDraft both = new SpecDraft(null, "auto", 6, 3, null, null, null, null, null, null);
        assertThatThrownBy(() -> resolve(both)).hasMessageContaining("--shards");
    }

    @Test
    void aClusterOfTwoIsRefusedNamingTheField() {
        SpecDraft two = new SpecDraft(null, "cluster", null, 2, null, null, null, null, null, null);
        assertThatThrownBy(() -> resolve(two))
                .isInstanceOf(SpecException.class)
                .hasMessage("--shards: a Redis Cluster needs at least 3 primaries to agree on failures, got 2");
    }

    @Test
    void replicationWithoutReplicasIsRefused() {
        SpecDraft none = new SpecDraft(null, "sentinel", null, null, 0, null, null, null, null, null);
        assertThatThrownBy(() -> resolve(none)).hasMessageContaining("--replicas: mode sentinel needs at least 1 replica");
    }

    @Test
    void namespacesGiveEveryNodeItsOwnAddressAndTakeNoHosts() {
        SpecDraft namespaced = new SpecDraft(null, "cluster", null, null, null, 7000, null, null, null, null, null, null,
                "namespaces");
        Spec spec = resolve(namespaced);
        assertThat(spec.network()).isEqualTo(Network.NAMESPACES);
        List<PlannedNode> nodes = LayoutPlanner.layout(spec);
        assertThat(nodes).extracting(PlannedNode::host).doesNotHaveDuplicates()
                .allMatch(host -> host.matches("10\\.2\\d\\d\\.\\d+\\.\\d+"));
        assertThat(nodes).extracting(PlannedNode::host).allMatch(host -> NamespaceLayout.hostLink(host).length() <= 15
                && NamespaceLayout.bridge(host).length() <= 15);
        // Stored and read back, a namespaced spec stays one.
        assertThat(resolve(SpecDraft.of(spec))).isEqualTo(spec);

        SpecDraft withHosts = new SpecDraft(null, "cluster", null, null, null, 7000, List.of("127.0.0.2"), null, null,
                null, null, null, "namespaces");
        assertThatThrownBy(() -> resolve(withHosts)).hasMessageContaining("leave hosts out");
        SpecDraft typo = new SpecDraft(null, "cluster", null, null, null, null, null, null, null, null, null, null, "netns");
        assertThatThrownBy(() -> resolve(typo)).hasMessageContaining("unknown network 'netns' (one of: loopback, namespaces)");
    }

    @Test
    void replicatedDurabilityNeedsAReplicaAndAKnownName() {
        SpecDraft standalone = new SpecDraft(null, "standalone", null, null, null, null, null, null, null, null, null,
                "replicated");
        assertThatThrownBy(() -> resolve(standalone))
                .hasMessageContaining("--durability: replicated needs at least one replica per primary");
        SpecDraft typo = new SpecDraft(null, "sentinel", null, null, null, null, null, null, null, null, null, "sync");
        assertThatThrownBy(() -> resolve(typo)).hasMessageContaining("unknown durability 'sync' (one of: async, replicated)");
        SpecDraft tooFast = new SpecDraft(null, "sentinel", null, null, null, null, null, null, null,
                new SpecDraft.SentinelDraft(null, null, null, null, 50));
        assertThatThrownBy(() -> resolve(tooFast)).hasMessageContaining("must be at least 100");
    }

    @Test
    void quorumAboveTheSentinelCountIsRefused() {
        SpecDraft draft = new SpecDraft(null, "sentinel", null, null, null, null, null, null, null,
                new SpecDraft.SentinelDraft(3, 4, null, null));
        assertThatThrownBy(() -> resolve(draft)).hasMessageContaining("--quorum: must be between 1 and the number");
    }

    @Test
    void settingsTakeRedisConfNamesWithUnderscoresButNoOthers() {
        SpecDraft cpus = new SpecDraft(null, "cluster", null, null, null, null, null, null,
                java.util.Map.of("bgsave_cpulist", "1", "aof_rewrite_cpulist", "1"), null);
        assertThat(resolve(cpus).settings()).containsEntry("bgsave_cpulist", "1");
        SpecDraft bad = new SpecDraft(null, "cluster", null, null, null, null, null, null,
                java.util.Map.of("Max Memory", "1gb"), null);
        assertThatThrownBy(() -> resolve(bad)).hasMessageContaining("'Max Memory' is not a redis.conf directive name");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        SpecDraft draft = new SpecDraft(null, "cluster", null, 1, -1, null, List.of("not-an-ip"), "fast", null, null);
        assertThatThrownBy(() -> resolve(draft))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).hasSize(4));
    }

    @Test
    void tooFewPortsAreRefused() {
        SpecDraft draft = new SpecDraft(null, "cluster", null, null, null, 60_000, null, null, null, null);
        assertThatThrownBy(() -> resolve(draft)).hasMessageContaining("cluster bus ports");
        SpecDraft top = new SpecDraft(null, "replication", null, null, null, 65_534, null, null, null, null);
        assertThatThrownBy(() -> resolve(top)).hasMessageContaining("too few ports");
    }

    @Test
    void sentinelPortsMayNotOverlapDataPorts() {
        SpecDraft draft = new SpecDraft(null, "sentinel", null, null, null, 26_378, null, null, null, null);
        assertThatThrownBy(() -> resolve(draft)).hasMessageContaining("overlap data ports");
    }

    @Test
    void directivesSpinelOwnsCannotBeSet() {
        SpecDraft draft = new SpecDraft(null, "replication", null, null, null, null, null, null,
                Map.of("port", "1234"), null);
        assertThatThrownBy(() -> resolve(draft)).hasMessageContaining("--set port: is set by Spinel itself");
    }

    @Test
    void aClusterNodeTimeoutMustBeMilliseconds() {
        SpecDraft draft = new SpecDraft(null, "cluster", null, null, null, null, null, null,
                Map.of("cluster-node-timeout", "5s"), null);
        assertThatThrownBy(() -> resolve(draft))
                .hasMessage("--set cluster-node-timeout: needs a number of milliseconds, got '5s'");
    }

    @Test
    void aNewerSpecFormatIsRefused() {
        SpecDraft draft = new SpecDraft(2, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> resolve(draft)).hasMessageContaining("newer Spinel");
    }

    @Test
    void aStoredDraftResolvesToTheSameSpec() {
        Spec spec = resolve(auto(6));
        assertThat(resolve(SpecDraft.of(spec))).isEqualTo(spec);
        Spec sentinel = resolve(SpecDraft.empty());
        assertThat(resolve(SpecDraft.of(sentinel))).isEqualTo(sentinel);
    }
}
