package io.agentrouter.topology;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.contract.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.KafkaStreams;

/** The router's Kafka Streams client, with its input progress wired to its processors. */
public final class RouterStreams {

    private RouterStreams() {
    }

    public static KafkaStreams create(RouterConfig config, Properties streamsProperties) {
        Topics topics = Topics.from(config);
        String applicationId = config.get(Setting.APPLICATION_ID);
        OffsetProgress progress = new OffsetProgress(Set.of(topics.heartbeats().name(), topics.outcomes().name(),
                InternalTopics.poolEventsName(config)));
        Properties props = new Properties();
        props.putAll(streamsProperties);
        props.put(InputProgress.CONFIG, progress);
        KafkaStreams streams = new KafkaStreams(RouterTopology.topology(config, streamsProperties), props);
        Map<String, Object> admin = new HashMap<>(config.kafkaPassthrough());
        admin.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, streamsProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        progress.follow(streams, admin, applicationId);
        return streams;
    }
}
