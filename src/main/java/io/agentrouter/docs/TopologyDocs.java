package io.agentrouter.docs;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topic;
import io.agentrouter.contract.Topics;
import io.agentrouter.topology.InternalTopics;
import io.agentrouter.topology.RouterStores;
import io.agentrouter.topology.RouterTopology;
import io.agentrouter.topology.StreamsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Generates {@code topology-docs/} from {@code Topology#describe()} with the default configuration:
 * the text description, a Mermaid diagram, and a page on every topic, store and repartition.
 * A test regenerates it in memory and fails when the committed files differ.
 */
public final class TopologyDocs {

    public static final String REGENERATE =
            "mvn -B -q package -DskipTests && java -jar target/agent-router.jar topology-docs";

    private TopologyDocs() {
    }

    /** File name to content. */
    public static Map<String, String> render() {
        RouterConfig config = RouterConfig.defaults();
        TopologyDescription description = RouterTopology.topology(config, StreamsProperties.from(config)).describe();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("topology.txt", description.toString());
        files.put("topology.md", markdown(description, Topics.from(config)));
        return files;
    }

    public static void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (Map.Entry<String, String> file : render().entrySet()) {
            Files.writeString(directory.resolve(file.getKey()), file.getValue());
        }
    }

    private static String markdown(TopologyDescription description, Topics topics) {
        StringBuilder md = new StringBuilder();
        md.append("# Router topology\n\n")
                .append("Generated from `Topology#describe()` with the default configuration; do not edit.\n")
                .append("Regenerate with `").append(REGENERATE).append("`.\n")
                .append("The raw description is in [topology.txt](topology.txt).\n\n")
                .append("```mermaid\nflowchart LR\n");
        TreeSet<String> topicNodes = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            md.append("  subgraph sub").append(sub.id()).append("[\"sub-topology ").append(sub.id()).append("\"]\n");
            for (TopologyDescription.Node node : sub.nodes()) {
                md.append("    ").append(id(node.name())).append("[\"").append(node.name()).append("\"]\n");
            }
            md.append("  end\n");
            for (TopologyDescription.Node node : sub.nodes()) {
                for (TopologyDescription.Node next : node.successors()) {
                    md.append("  ").append(id(node.name())).append(" --> ").append(id(next.name())).append('\n');
                }
                if (node instanceof TopologyDescription.Source source) {
                    for (String topic : source.topicSet()) {
                        topicNodes.add(topic);
                        md.append("  ").append(topicId(topic)).append(" --> ").append(id(node.name())).append('\n');
                    }
                }
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    topicNodes.add(sink.topic());
                    md.append("  ").append(id(node.name())).append(" --> ").append(topicId(sink.topic())).append('\n');
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    for (String store : processor.stores()) {
                        md.append("  ").append(id(node.name())).append(" -.- ").append(storeId(store)).append("[(")
                                .append(store).append(")]\n");
                    }
                }
            }
        }
        for (String topic : topicNodes) {
            md.append("  ").append(topicId(topic)).append("{{\"").append(topic).append("\"}}\n");
        }
        md.append("```\n\n## Topics\n\n| topic | key / value | what it carries |\n|---|---|---|\n");
        for (Topic<?, ?> topic : topics.all()) {
            md.append("| `").append(topic.name()).append("` | ").append(serdeName(topic)).append(" | ")
                    .append(topic.description()).append(" |\n");
        }
        md.append("\n## Repartition topics\n\n| topic | key / value | why |\n|---|---|---|\n")
                .append("| `<application.id>-").append(InternalTopics.POOL_EVENTS.name()).append("-repartition` | ")
                .append(serdeName(InternalTopics.POOL_EVENTS)).append(" | ").append(InternalTopics.POOL_EVENTS.description())
                .append(" Tasks, heartbeats and outcomes are keyed by task or agent on input; routing needs all of a ")
                .append("pool's agents, load and open attempts in one task, so they are re-keyed by pool here. |\n");
        md.append("\n## State stores\n\nEach store has a changelog topic `<application.id>-<store>-changelog`")
                .append(" (the performance table's is its source topic's view).\n\n| store | sub-topology | holds |\n|---|---|---|\n");
        Map<String, Integer> storeTopology = new LinkedHashMap<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(s -> storeTopology.put(s, sub.id()));
                }
            }
        }
        for (Map.Entry<String, String> store : RouterStores.DESCRIPTIONS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            md.append("| `").append(store.getKey()).append("` | ").append(storeTopology.get(store.getKey()))
                    .append(" | ").append(store.getValue()).append(" |\n");
        }
        return md.toString();
    }

    private static String serdeName(Topic<?, ?> topic) {
        return simple(topic.keySerde()) + " / " + simple(topic.valueSerde());
    }

    private static String simple(Object serde) {
        if (serde instanceof io.agentrouter.serde.AvroSerde<?> avro) {
            return avro.type().getSimpleName() + " (Avro)";
        }
        String name = serde.getClass().getSimpleName();
        return name.replace("Serde", "").isEmpty() ? name : name.replace("Serde", "");
    }

    private static String id(String name) {
        return "n_" + name.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String topicId(String topic) {
        return "t_" + topic.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String storeId(String store) {
        return "s_" + store.replaceAll("[^A-Za-z0-9]", "_");
    }
}
