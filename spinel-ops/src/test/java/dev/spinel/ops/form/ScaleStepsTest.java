package dev.spinel.ops.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.topology.Spec;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.ops.topology.SpecResolver;
import dev.spinel.ops.topology.SpecSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order in which one scale request that changes both counts is run. */
class ScaleStepsTest {

    @Test
    void oneCountChangingIsOneStep() {
        Scale.Request request = request(4, 1);
        assertThat(Scale.steps(request, cluster(3, 1, 3))).containsExactly(request);
        assertThat(Scale.steps(request(null, 2), cluster(4, 1, 3))).hasSize(1);
    }

    @Test
    void aClusterWithItsFormedShardsChangesReplicasFirst() {
        List<Scale.Request> steps = Scale.steps(request(5, 2), cluster(3, 1, 3));
        assertThat(steps).extracting(Scale.Request::shards, Scale.Request::replicas).containsExactly(
                tuple(Optional.empty(), Optional.of(2)),
                tuple(Optional.of(5), Optional.empty()));
    }

    @Test
    void addedShardsGoFirstWhenTheRequestRemovesThem() {
        List<Scale.Request> steps = Scale.steps(request(3, 2), cluster(5, 1, 3));
        assertThat(steps).extracting(Scale.Request::shards, Scale.Request::replicas).containsExactly(
                tuple(Optional.of(3), Optional.empty()),
                tuple(Optional.empty(), Optional.of(2)));
    }

    @Test
    void addedShardsThatWouldStayBlockAReplicaChange() {
        assertThatThrownBy(() -> Scale.steps(request(4, 2), cluster(5, 1, 3)))
                .isInstanceOf(SpinelException.class)
                .hasMessageContaining("scale back to --shards 3 first");
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
