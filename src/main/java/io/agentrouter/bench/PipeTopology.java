package io.agentrouter.bench;

import io.agentrouter.contract.Topics;
import io.agentrouter.topology.TopicStreams;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The ceiling for any Kafka Streams router here: read each task and write two records the size of
 * a real decision and assignment, with no lookup and no state.
 */
final class PipeTopology {

    private PipeTopology() {
    }

    static void build(StreamsBuilder builder, Topics topics, int decisionBytes, int assignmentBytes) {
        byte[] decision = new byte[decisionBytes];
        byte[] assignment = new byte[assignmentBytes];
        KStream<byte[], byte[]> tasks = builder.stream(topics.tasks().name(), TopicStreams.consumedRaw("pipe-tasks"));
        tasks.mapValues(v -> decision, Named.as("pipe-decision"))
                .to(topics.decisions().name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("pipe-to-decisions"));
        tasks.mapValues(v -> assignment, Named.as("pipe-assignment"))
                .to(topics.assignments().name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("pipe-to-assignments"));
    }
}
