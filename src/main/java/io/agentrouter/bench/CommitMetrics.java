package io.agentrouter.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.Set;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * How long a Kafka Streams JVM's commits hold up its stream threads, read from its own Kafka client
 * metrics over JMX (the benchmark attaches to the measured JVM): the producer's time in {@code flush},
 * {@code sendOffsetsToTransaction} and {@code commitTransaction}, and the stream threads' commits and
 * polls. Under exactly-once a stream thread processes nothing while it commits, so a task that
 * arrives then waits for the commit to end.
 */
final class CommitMetrics implements AutoCloseable {

    /** Cumulative counters at one moment; {@link #minus} gives those of a phase. */
    record Counters(double commits, double polls, double flushNs, double sendOffsetsNs, double endTxnNs) {

        Counters minus(Counters earlier) {
            return new Counters(commits - earlier.commits, polls - earlier.polls, flushNs - earlier.flushNs,
                    sendOffsetsNs - earlier.sendOffsetsNs, endTxnNs - earlier.endTxnNs);
        }

        double blockedNs() {
            return flushNs + sendOffsetsNs + endTxnNs;
        }

        /** The share of a phase of this length the stream threads spent held up in commits. */
        double blockedShare(double phaseSeconds) {
            return blockedNs() / 1e9 / phaseSeconds;
        }

        /** Nanoseconds per commit in milliseconds. */
        double perCommitMs(double ns) {
            return commits == 0 ? 0 : ns / commits / 1e6;
        }
    }

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private CommitMetrics(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /** Connects to the JVM of the given process (same user, a JDK with jdk.attach). */
    static CommitMetrics attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            String address = vm.startLocalManagementAgent();
            return new CommitMetrics(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } finally {
            vm.detach();
        }
    }

    /** The counters summed over the JVM's stream threads and producers. */
    Counters read() throws Exception {
        return new Counters(
                sum("kafka.streams:type=stream-thread-metrics,*", "commit-total"),
                sum("kafka.streams:type=stream-thread-metrics,*", "poll-total"),
                sum("kafka.producer:type=producer-metrics,*", "flush-time-ns-total"),
                sum("kafka.producer:type=producer-metrics,*", "txn-send-offsets-time-ns-total"),
                sum("kafka.producer:type=producer-metrics,*", "txn-commit-time-ns-total"));
    }

    private double sum(String pattern, String attribute) throws Exception {
        Set<ObjectName> names = server.queryNames(new ObjectName(pattern), null);
        double total = 0;
        for (ObjectName name : names) {
            try {
                Object value = server.getAttribute(name, attribute);
                if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
                    total += number.doubleValue();
                }
            } catch (AttributeNotFoundException notThisKind) {
                // e.g. the state updater's thread, which has stream-thread metrics but does not commit
            }
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
