package dev.spinel.client.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class InfoFieldsTest {
    private static final String REPLICATION = "# Replication\r\nrole:master\r\nconnected_slaves:2\r\n"
            + "slave0:ip=127.0.0.1,port=6380,state=online,offset=42,lag=0\r\n"
            + "slave1:ip=10.0.0.7,port=6381,state=wait_bgsave,offset=0,lag=1\r\nmaster_repl_offset:42\r\n";

    @Test
    void readsFieldsNumbersAndTheReplicaLines() {
        assertThat(InfoFields.field(REPLICATION, "role")).contains("master");
        assertThat(InfoFields.field(REPLICATION, "master_host")).isEmpty();
        assertThat(InfoFields.number(REPLICATION, "connected_slaves")).isEqualTo(2);
        assertThat(InfoFields.number(REPLICATION, "master_repl_offset")).isEqualTo(42);
        assertThat(InfoFields.replicas(REPLICATION)).containsExactly(
                InetSocketAddress.createUnresolved("127.0.0.1", 6380), InetSocketAddress.createUnresolved("10.0.0.7", 6381));
    }
}
