package dev.spinel.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.testkit.FreePorts;
import dev.spinel.testkit.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/** The commands' connections to a real node: replies, refusals, and a connection that broke. */
class AdminSessionIT {
    @RegisterExtension
    static final RedisServerExtension NODE = new RedisServerExtension();

    @Test
    void repliesAreParsedAndAnErrorReplyCarriesRedisOwnMessage() {
        try (AdminSession admin = new AdminSession(NODE.password())) {
            NodeAdmin node = admin.node("127.0.0.1", NODE.port());
            assertThat(node.ping()).isEqualTo("PONG");
            assertThat(node.role()).isInstanceOf(RoleReply.Primary.class);
            assertThat(node.configGet("maxmemory-policy")).isNotEmpty();
            assertThat(node.configGet("no-such-setting")).isEmpty();
            assertThat(node.info("server").field("redis_version")).isPresent();
            assertThatThrownBy(node::clusterNodes)
                    .isInstanceOf(ErrorReply.class)
                    .hasMessageStartingWith("ERR");
        }
    }

    @Test
    void aConnectionTheNodeClosedIsReplacedOnTheNextUse() {
        try (AdminSession admin = new AdminSession(NODE.password());
             Jedis other = new Jedis(new HostAndPort("127.0.0.1", NODE.port()),
                     DefaultJedisClientConfig.builder().password(NODE.password()).build())) {
            NodeAdmin first = admin.node("127.0.0.1", NODE.port());
            long firstId = first.clientId();
            other.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", Long.toString(firstId));
            // The blocking connection learns of the close on its next command, which fails...
            assertThatThrownBy(first::ping).isInstanceOf(AdminException.class).isNotInstanceOf(ErrorReply.class);
            // ...and the session hands out a new one from then on.
            NodeAdmin second = admin.node("127.0.0.1", NODE.port());
            assertThat(second).isNotSameAs(first);
            assertThat(second.ping()).isEqualTo("PONG");
            assertThat(second.clientId()).isNotEqualTo(firstId);
        }
    }

    @Test
    void aWrongPasswordAndAClosedPortAreToldApart() {
        try (AdminSession admin = new AdminSession("not-the-password")) {
            assertThatThrownBy(() -> admin.node("127.0.0.1", NODE.port()))
                    .isInstanceOfSatisfying(ErrorReply.class,
                            e -> assertThat(ServerError.of(e).isAuthentication()).isTrue());
            int closed = FreePorts.block(1);
            assertThatThrownBy(() -> admin.node("127.0.0.1", closed))
                    .isInstanceOf(AdminException.class)
                    .isNotInstanceOf(ErrorReply.class)
                    .hasMessage("cannot connect to 127.0.0.1:" + closed + ": Connection refused");
        }
    }
}
