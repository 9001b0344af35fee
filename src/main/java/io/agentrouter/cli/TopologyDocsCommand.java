package io.agentrouter.cli;

import io.agentrouter.docs.TopologyDocs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Regenerates topology-docs/ from Topology#describe(). */
@Command(name = "topology-docs", mixinStandardHelpOptions = true,
        description = "Write the topology description, Mermaid diagram and topic/store pages to a folder.")
final class TopologyDocsCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "topology-docs", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        TopologyDocs.write(out);
        System.out.println("wrote " + TopologyDocs.render().keySet() + " to " + out);
        return 0;
    }
}
