package io.agentrouter.topology;

import io.agentrouter.config.StartupException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Asks the cluster to describe itself before anything else starts, so that a wrong address fails
 * in one line naming it instead of Kafka clients retrying in silence until their API timeout.
 */
public final class BrokerCheck {

    /** How long a start-up waits for a broker to answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private BrokerCheck() {
    }

    /**
     * Returns an admin client whose cluster has answered, or throws a {@link StartupException}.
     *
     * @param clientProperties client settings, with {@code bootstrap.servers}
     * @param origin where the address came from, named in the message (e.g. {@code kafka.bootstrap.servers})
     */
    public static Admin connect(Map<String, Object> clientProperties, String origin, Duration timeout) {
        String address = String.valueOf(clientProperties.get("bootstrap.servers"));
        Admin admin;
        try {
            admin = Admin.create(clientProperties);
        } catch (KafkaException e) {
            throw new StartupException(cannotCreate(address, origin, e));
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return admin;
        } catch (InterruptedException e) {
            admin.close(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while connecting to Kafka at " + address);
        } catch (TimeoutException e) {
            admin.close(Duration.ZERO);
            throw new StartupException(noAnswer(address, origin, timeout));
        } catch (ExecutionException e) {
            admin.close(Duration.ZERO);
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new StartupException(noAnswer(address, origin, timeout));
            }
            String hint = cause instanceof AuthenticationException || cause instanceof AuthorizationException
                    ? "check the kafka.security.protocol and kafka.sasl.* settings" : "check " + origin;
            throw new StartupException("Kafka at " + address + " (" + origin + ") refused the connection: "
                    + oneLine(cause) + "; " + hint);
        }
    }

    private static String noAnswer(String address, String origin, Duration timeout) {
        return "no Kafka broker answered at " + address + " (" + origin + ") within " + timeout.toSeconds()
                + " s; start the broker, or point " + origin + " at a running one";
    }

    private static String cannotCreate(String address, String origin, KafkaException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("resolvable bootstrap urls")) {
                return "cannot resolve the Kafka address " + address + " (" + origin
                        + "): no such host; check the host name in " + origin;
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot connect to Kafka at " + address + " (" + origin + "): " + oneLine(root) + "; check " + origin;
    }

    static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
