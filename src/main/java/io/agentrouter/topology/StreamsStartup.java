package io.agentrouter.topology;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/** Waiting for Kafka Streams to come up. */
public final class StreamsStartup {

    private StreamsStartup() {
    }

    /** Blocks until RUNNING; fails when the client stops or does not get there in time. */
    public static void awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (!streams.state().isRunningOrRebalancing()) {
                throw new IllegalStateException("the router stopped while starting: state " + streams.state());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the router did not start within " + timeout + ": state "
                        + streams.state());
            }
            Thread.sleep(50);
        }
    }
}
