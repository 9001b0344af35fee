package io.agentrouter.cli;

import io.agentrouter.model.AgentPerformance;
import io.agentrouter.model.AgentRecord;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.Heartbeat;
import io.agentrouter.model.RoutingDecision;
import io.agentrouter.model.TaskOutcome;
import io.agentrouter.model.WorkTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a client in another language needs to read and write the topics: each contract schema with
 * every type it references inlined, and its fingerprint as the single-object header carries it.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Write each topic's schema, self-contained, and fingerprints.json to a folder (for clients in other languages).")
final class SchemasCommand implements Callable<Integer> {

    /** The values of the topics producers, agents and analysts use. */
    static final List<Schema> CONTRACTS = List.of(WorkTask.getClassSchema(), Heartbeat.getClassSchema(),
            TaskOutcome.getClassSchema(), Assignment.getClassSchema(), RoutingDecision.getClassSchema(),
            AgentRecord.getClassSchema(), AgentPerformance.getClassSchema());

    @Option(names = "--out", defaultValue = "schemas-for-clients", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (Schema schema : CONTRACTS) {
            Files.writeString(out.resolve(schema.getName() + ".avsc"), schema.toString(true) + "\n");
            fingerprints.put(schema.getName(), header(schema));
            System.out.println(schema.getName() + "  " + header(schema));
        }
        Files.writeString(out.resolve("fingerprints.json"), fingerprints.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(",\n", "{\n", "\n}\n")));
        System.out.println("wrote " + CONTRACTS.size() + " schemas and fingerprints.json to " + out);
        return 0;
    }

    /** The 8 bytes after the C3 01 marker of a single-object record, in hex: the little-endian CRC-64-AVRO. */
    static String header(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (fingerprint >>> (8 * i));
        }
        return HexFormat.of().formatHex(bytes);
    }
}
