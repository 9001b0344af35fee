package io.agentrouter.bench;

import io.agentrouter.config.RouterConfig;
import io.agentrouter.contract.Topics;
import io.agentrouter.topology.StreamsProperties;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/** Runs the pipe baseline with the router's Streams settings until the process is stopped. */
public final class Pipe {

    private Pipe() {
    }

    public static int run(RouterConfig config, int decisionBytes, int assignmentBytes) throws InterruptedException {
        Properties props = StreamsProperties.from(config);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        PipeTopology.build(builder, Topics.from(config), decisionBytes, assignmentBytes);
        KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.err.println("pipe: running");
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
        streams.start();
        stopped.await();
        return 0;
    }
}
