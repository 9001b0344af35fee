package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/** The router's Kafka Streams client, with its input progress wired to its processors. */
public final class RouterStreams {

    private RouterStreams() {
    }

    public static KafkaStreams create(RouterConfig config, Properties streamsProperties) {
        Properties props = new Properties();
        props.putAll(streamsProperties);
        ConsumerLagProgress progress = new ConsumerLagProgress();
        props.put(InputProgress.CONFIG, progress);
        KafkaStreams streams = new KafkaStreams(RouterTopology.topology(config, streamsProperties), props);
        progress.attach(streams::metrics);
        return streams;
    }
}
