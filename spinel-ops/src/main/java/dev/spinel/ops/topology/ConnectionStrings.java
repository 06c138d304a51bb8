package dev.spinel.ops.topology;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Ready-to-paste ways to reach a topology. The password is left as a shell substitution of
 * {@code spinel secret}, so that nothing printed ever contains it.
 */
public final class ConnectionStrings {
    /** How each client names the password in the lines below. */
    public static final String PASSWORD_REF = "$(spinel secret)";

    private ConnectionStrings() {
    }

    /** Labelled lines: Lettuce URI, Jedis construction, redis-cli invocation. */
    public static List<String> of(Plan plan) {
        Spec spec = plan.spec();
        PlannedNode first = plan.dataNodes().getFirst();
        String cliAuth = "REDISCLI_AUTH=" + PASSWORD_REF + " redis-cli";
        return switch (spec.mode()) {
            case SENTINEL -> {
                String sentinels = plan.sentinels().stream().map(PlannedNode::address).collect(Collectors.joining(","));
                yield List.of(
                        "Lettuce:   redis-sentinel://" + PASSWORD_REF + "@" + sentinels + "/0#" + spec.masterName(),
                        "Jedis:     new JedisSentinelPool(\"" + spec.masterName() + "\", Set.of("
                                + plan.sentinels().stream().map(s -> "\"" + s.address() + "\"")
                                .collect(Collectors.joining(", ")) + "), poolConfig, password, password)",
                        "redis-cli: " + cliAuth + " -h " + plan.sentinels().getFirst().host() + " -p "
                                + plan.sentinels().getFirst().port()
                                + " sentinel get-master-addr-by-name " + spec.masterName());
            }
            case CLUSTER -> List.of(
                    "Lettuce:   RedisClusterClient.create(\"redis://" + PASSWORD_REF + "@" + first.address() + "\")",
                    "Jedis:     new JedisCluster(Set.of(" + plan.dataNodes().stream()
                            .map(n -> "new HostAndPort(\"" + n.host() + "\", " + n.port() + ")")
                            .collect(Collectors.joining(", ")) + "), DefaultJedisClientConfig.builder()"
                            + ".password(password).build())",
                    "redis-cli: " + cliAuth + " -c -h " + first.host() + " -p " + first.port());
            default -> List.of(
                    "Lettuce:   redis://" + PASSWORD_REF + "@" + first.address() + "/0",
                    "Jedis:     new JedisPooled(\"" + first.host() + "\", " + first.port() + ", null, password)",
                    "redis-cli: " + cliAuth + " -h " + first.host() + " -p " + first.port());
        };
    }
}
