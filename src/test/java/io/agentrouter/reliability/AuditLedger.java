package io.agentrouter.reliability;

import io.agentrouter.contract.Topics;
import io.agentrouter.model.Assignment;
import io.agentrouter.model.CandidateScore;
import io.agentrouter.model.DecisionOutcome;
import io.agentrouter.model.RoutingDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts every record of the audit and assignments topics (read_committed), the way Kafka's own EOS
 * system tests do: every task attempt exactly one decision, every ASSIGNED decision exactly one
 * assignment and back, load never above what the decisions imply, no task left open.
 */
final class AuditLedger implements AutoCloseable {

    /** What the ledger found; every count but the totals must be zero. */
    record Report(int tasks, int decisions, int assignments, int duplicatedDecisions, int missingAttempts,
                  int assignedWithoutAssignment, int assignmentsWithoutDecision, int duplicatedAssignments,
                  int loadAboveDecisions, int stuckTasks, int finalRejections) {

        boolean clean() {
            return duplicatedDecisions == 0 && missingAttempts == 0 && assignedWithoutAssignment == 0
                    && assignmentsWithoutDecision == 0 && duplicatedAssignments == 0 && loadAboveDecisions == 0
                    && stuckTasks == 0;
        }

        @Override
        public String toString() {
            return String.format("tasks %d, decisions %d, assignments %d | duplicated decisions %d, missing attempts %d,"
                            + " ASSIGNED without assignment %d, assignments without decision %d, duplicated assignments %d,"
                            + " load above decisions %d, stuck tasks %d | final rejections %d",
                    tasks, decisions, assignments, duplicatedDecisions, missingAttempts, assignedWithoutAssignment,
                    assignmentsWithoutDecision, duplicatedAssignments, loadAboveDecisions, stuckTasks, finalRejections);
        }
    }

    private final KafkaConsumer<String, RoutingDecision> decisionConsumer;
    private final KafkaConsumer<String, Assignment> assignmentConsumer;
    private final Map<String, List<RoutingDecision>> decisionsByTask = new HashMap<>();
    private final Map<String, Integer> assignmentsByDecision = new HashMap<>();
    private int decisionCount;
    private int assignmentCount;

    AuditLedger(String bootstrapServers, Topics topics, Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        decisionConsumer = new KafkaConsumer<>(props, topics.decisions().keySerde().deserializer(),
                topics.decisions().valueSerde().deserializer());
        assignmentConsumer = new KafkaConsumer<>(props, topics.assignments().keySerde().deserializer(),
                topics.assignments().valueSerde().deserializer());
        assignAll(decisionConsumer, topics.decisions().name());
        assignAll(assignmentConsumer, topics.assignments().name());
    }

    private static void assignAll(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has been committed since the last call. */
    void poll() {
        for (ConsumerRecord<String, RoutingDecision> r : decisionConsumer.poll(Duration.ofMillis(300))) {
            decisionsByTask.computeIfAbsent(r.value().getTaskId(), t -> new ArrayList<>()).add(r.value());
            decisionCount++;
        }
        for (ConsumerRecord<String, Assignment> r : assignmentConsumer.poll(Duration.ofMillis(100))) {
            assignmentsByDecision.merge(r.value().getDecisionId(), 1, Integer::sum);
            assignmentCount++;
        }
    }

    int decisions() {
        return decisionCount;
    }

    /** Tasks whose latest decision ended them: REJECTED, or ASSIGNED to an attempt that succeeded. */
    long finishedTasks(Set<String> succeededDecisionIds) {
        return decisionsByTask.values().stream().map(AuditLedger::latest)
                .filter(d -> d.getOutcome() == DecisionOutcome.REJECTED
                        || succeededDecisionIds.contains(d.getDecisionId()))
                .count();
    }

    Report report(Set<String> taskIds, Set<String> succeededDecisionIds) {
        int duplicated = 0;
        int missing = 0;
        int stuck = 0;
        int finalRejections = 0;
        for (String task : taskIds) {
            List<RoutingDecision> decisions = decisionsByTask.getOrDefault(task, List.of());
            Map<Integer, Integer> perAttempt = new TreeMap<>();
            decisions.forEach(d -> perAttempt.merge(d.getAttempt(), 1, Integer::sum));
            duplicated += perAttempt.values().stream().mapToInt(n -> n - 1).sum();
            int maxAttempt = perAttempt.isEmpty() ? -1 : ((TreeMap<Integer, Integer>) perAttempt).lastKey();
            missing += (maxAttempt + 1) - perAttempt.size() + (decisions.isEmpty() ? 1 : 0);
            if (decisions.isEmpty()) {
                stuck++;
                continue;
            }
            RoutingDecision last = latest(decisions);
            if (last.getOutcome() == DecisionOutcome.REJECTED) {
                finalRejections++;
            } else if (!succeededDecisionIds.contains(last.getDecisionId())) {
                stuck++;
            }
        }
        int assignedWithout = 0;
        int duplicatedAssignments = 0;
        int withoutDecision = 0;
        Map<String, RoutingDecision> assignedById = new HashMap<>();
        decisionsByTask.values().forEach(list -> list.stream().filter(d -> d.getOutcome() == DecisionOutcome.ASSIGNED)
                .forEach(d -> assignedById.put(d.getDecisionId(), d)));
        for (String id : assignedById.keySet()) {
            int n = assignmentsByDecision.getOrDefault(id, 0);
            if (n == 0) {
                assignedWithout++;
            }
            duplicatedAssignments += Math.max(0, n - 1);
        }
        for (String id : assignmentsByDecision.keySet()) {
            if (!assignedById.containsKey(id)) {
                withoutDecision++;
            }
        }
        return new Report(taskIds.size(), decisionCount, assignmentCount, duplicated, missing, assignedWithout,
                withoutDecision, duplicatedAssignments, loadAboveDecisions(), stuck, finalRejections);
    }

    /**
     * A candidate's load may never exceed the ASSIGNED decisions to it within the load window before
     * the decision (the audit topic is keyed by decision id, so this counts over all of it, leaving
     * out the decision itself).
     */
    private int loadAboveDecisions() {
        Map<String, List<Long>> assignedAt = new HashMap<>();
        decisionsByTask.values().forEach(list -> list.stream().filter(d -> d.getOutcome() == DecisionOutcome.ASSIGNED)
                .forEach(d -> assignedAt.computeIfAbsent(d.getSelectedAgentId(), a -> new ArrayList<>())
                        .add(d.getCreatedAt().toEpochMilli())));
        int violations = 0;
        for (List<RoutingDecision> decisions : decisionsByTask.values()) {
            for (RoutingDecision d : decisions) {
                long t = d.getCreatedAt().toEpochMilli();
                long from = t - d.getPolicy().getLoadWindowMs();
                for (CandidateScore c : d.getCandidates()) {
                    long implied = assignedAt.getOrDefault(c.getAgentId(), List.of()).stream()
                            .filter(at -> at >= from && at <= t).count();
                    if (c.getAgentId().equals(d.getSelectedAgentId())) {
                        implied--; // the decision itself
                    }
                    if (c.getLoad() > implied) {
                        violations++;
                    }
                }
            }
        }
        return violations;
    }

    private static RoutingDecision latest(List<RoutingDecision> decisions) {
        return decisions.stream().max((a, b) -> Integer.compare(a.getAttempt(), b.getAttempt())).orElseThrow();
    }

    @Override
    public void close() {
        decisionConsumer.close();
        assignmentConsumer.close();
    }
}
