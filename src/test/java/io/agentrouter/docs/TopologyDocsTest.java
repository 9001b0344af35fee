package io.agentrouter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyDocsTest {

    @Test
    void committedTopologyDocsMatchTheCode() throws Exception {
        for (Map.Entry<String, String> file : TopologyDocs.render().entrySet()) {
            Path committed = Path.of("topology-docs", file.getKey());
            assertThat(committed).as("topology-docs/%s is missing; regenerate with: %s", file.getKey(),
                    TopologyDocs.REGENERATE).exists();
            assertThat(Files.readString(committed))
                    .as("topology-docs/%s is stale; regenerate with: %s", file.getKey(), TopologyDocs.REGENERATE)
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void everyStoreAndTopicIsDocumented() {
        String md = TopologyDocs.render().get("topology.md");
        assertThat(md).contains("```mermaid", "pool-events-repartition", "`pool-state`", "`router-dlq`");
        assertThat(md).doesNotContain("| null |");
    }
}
