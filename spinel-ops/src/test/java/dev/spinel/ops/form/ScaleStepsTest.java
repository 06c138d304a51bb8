package dev.spinel.ops.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.spinel.ops.topology.Spec;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.ops.topology.SpecResolver;
import dev.spinel.ops.topology.SpecSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order in which one scale request that changes both counts is run. */
class ScaleStepsTest {

    @Test
    void oneCountChangingIsOneStep() {
        Scale.Request request = request(4, 1);
        assertThat(Scale.steps(request, cluster(3, 1, 3))).containsExactly(request);
        assertThat(Scale.steps(request(null, 2), cluster(3, 1, 3))).hasSize(1);
        assertThat(Scale.steps(request(5, null), cluster(4, 1, 3))).hasSize(1);
    }

    @Test
    void aClusterWithItsFormedShardsChangesReplicasFirst() {
        assertThat(Scale.steps(request(5, 2), cluster(3, 1, 3)))
                .extracting(Scale.Request::shards, Scale.Request::replicas)
                .containsExactly(tuple(Optional.empty(), Optional.of(2)), tuple(Optional.of(5), Optional.empty()));
    }

    @Test
    void addedShardsAreDrainedBeforeAReplicaChangeAndAddedAgainAfter() {
        assertThat(Scale.steps(request(null, 2), cluster(4, 1, 3)))
                .extracting(Scale.Request::shards, Scale.Request::replicas)
                .containsExactly(tuple(Optional.of(3), Optional.empty()), tuple(Optional.empty(), Optional.of(2)),
                        tuple(Optional.of(4), Optional.empty()));
        assertThat(Scale.steps(request(5, 0), cluster(4, 1, 3)))
                .extracting(Scale.Request::shards, Scale.Request::replicas)
                .containsExactly(tuple(Optional.of(3), Optional.empty()), tuple(Optional.empty(), Optional.of(0)),
                        tuple(Optional.of(5), Optional.empty()));
    }

    @Test
    void addedShardsThatGoAnywayGoFirst() {
        assertThat(Scale.steps(request(3, 2), cluster(5, 1, 3)))
                .extracting(Scale.Request::shards, Scale.Request::replicas)
                .containsExactly(tuple(Optional.of(3), Optional.empty()), tuple(Optional.empty(), Optional.of(2)));
    }

    @Test
    void otherModesAreLeftToScaleToRefuse() {
        SpecDraft sentinel = new SpecDraft(null, "sentinel", null, null, 2, null, null, null, null, null);
        Scale.Request request = request(null, 1);
        assertThat(Scale.steps(request, SpecResolver.resolve(sentinel, SpecSource.flags()).spec()))
                .containsExactly(request);
    }

    private static Scale.Request request(Integer shards, Integer replicas) {
        return new Scale.Request(Path.of("project"), Optional.ofNullable(shards), Optional.ofNullable(replicas),
                Rebalance.Options.defaults(), Duration.ofSeconds(60), "test", line -> { });
    }

    private static Spec cluster(int shards, int replicas, int formedShards) {
        SpecDraft draft = new SpecDraft(null, "cluster", null, shards, replicas, null, null, null, null, null, null,
                null, null, formedShards);
        return SpecResolver.resolve(draft, SpecSource.flags()).spec();
    }
}
