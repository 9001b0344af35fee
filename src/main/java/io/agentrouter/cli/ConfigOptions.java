package io.agentrouter.cli;

import io.agentrouter.config.RouterConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration flags shared by commands that talk to Kafka. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (keys as in the configuration table of docs/OPERATIONS.md).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting; repeatable. Wins over"
            + " the file and ROUTER_* environment variables.")
    Map<String, String> flags = new LinkedHashMap<>();

    RouterConfig load() {
        return RouterConfig.load(file, System.getenv(), flags);
    }
}
