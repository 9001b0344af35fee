package io.agentrouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void portsAreBindableAndBelowTheEphemeralRange() throws Exception {
        for (int i = 0; i < 50; i++) {
            int port = EmbeddedKafka.freePort();
            assertThat(port).isBetween(10_000, Math.min(EmbeddedKafka.EPHEMERAL_START, 32_768) - 1);
            try (ServerSocket server = new ServerSocket()) {
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress("127.0.0.1", port));
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
