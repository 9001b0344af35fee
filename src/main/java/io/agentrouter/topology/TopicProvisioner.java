package io.agentrouter.topology;

import io.agentrouter.config.ConfigException;
import io.agentrouter.config.RouterConfig;
import io.agentrouter.config.Setting;
import io.agentrouter.config.StartupException;
import io.agentrouter.contract.Topic;
import io.agentrouter.contract.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Makes sure the router's external topics exist, creating missing ones when allowed. */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /** Returns the topics it created. */
    public static List<String> ensure(Admin admin, RouterConfig config) {
        Topics topics = Topics.from(config);
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics.all()) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), config.get(Setting.PARTITIONS),
                            config.get(Setting.REPLICATION_FACTOR).shortValue()).configs(configsOf(topic, topics)));
                }
            }
            if (!missing.isEmpty() && !config.get(Setting.CREATE_TOPICS)) {
                throw new ConfigException("topic '" + missing.get(0).name() + "' does not exist ("
                        + missing.size() + " missing); create it, or set topics.create=true to let the router create"
                        + " missing topics");
            }
            for (Topic<?, ?> topic : InternalTopics.created(config)) {
                if (existing.contains(topic.name())) {
                    checkPartitions(admin, topic.name(), config.get(Setting.PARTITIONS));
                } else {
                    missing.add(new NewTopic(topic.name(), config.get(Setting.PARTITIONS),
                            config.get(Setting.REPLICATION_FACTOR).shortValue()));
                }
            }
            if (missing.isEmpty()) {
                return List.of();
            }
            admin.createTopics(missing).all().get();
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (ExecutionException e) {
            throw new StartupException("cannot check or create the router's topics: "
                    + BrokerCheck.oneLine(e.getCause()) + "; check that the router's principal may describe and create"
                    + " them, or create them beforehand");
        }
    }

    /** An internal topic partitioned like pool-events must have its partition count, or pools would land on the wrong task. */
    private static void checkPartitions(Admin admin, String topic, int partitions)
            throws InterruptedException, ExecutionException {
        int actual = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        if (actual != partitions) {
            throw new ConfigException("topic '" + topic + "' has " + actual + " partitions but topics.partitions is "
                    + partitions + "; set topics.partitions=" + actual + " (the application's partition count cannot"
                    + " change), or use a new application id");
        }
    }

    /** The audit trail is kept forever (replayable); registry and performance views are compacted. */
    private static Map<String, String> configsOf(Topic<?, ?> topic, Topics topics) {
        if (topic == topics.decisions()) {
            return Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
        }
        if (topic == topics.registry() || topic == topics.performance()) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return Map.of();
    }
}
