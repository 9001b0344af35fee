package io.agentrouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void portsAreBindableDistinctAndBelowTheEphemeralRange() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = EmbeddedKafka.freePort();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port).isBetween(10_000, Math.min(EmbeddedKafka.EPHEMERAL_START, 32_768) - 1);
            try (ServerSocket server = new ServerSocket()) {
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress("127.0.0.1", port));
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
