package io.agentrouter.reliability;

import io.agentrouter.agent.AgentClient;
import io.agentrouter.contract.Topics;
import io.agentrouter.model.Assignment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Agents for reliability tests: pools p1..pN, work type wI in pool pI, each attempt succeeding with a given chance. */
final class TestFleet implements AutoCloseable {

    final Set<String> succeeded = ConcurrentHashMap.newKeySet();
    final Set<String> received = ConcurrentHashMap.newKeySet();
    final Set<String> misdelivered = ConcurrentHashMap.newKeySet();
    private final List<AgentClient> agents = new ArrayList<>();

    TestFleet(String bootstrap, Topics topics, int pools, int agentsPerPool, double successChance,
              Map<String, Object> clientProperties) {
        for (int p = 1; p <= pools; p++) {
            for (int a = 1; a <= agentsPerPool; a++) {
                String id = "p" + p + "-agent-" + a;
                AgentClient.Builder builder = AgentClient.builder(bootstrap, topics).agentId(id).pool("p" + p)
                        .capabilities("w" + p).heartbeatInterval(Duration.ofSeconds(2)).concurrency(4);
                clientProperties.forEach(builder::clientProperty);
                AgentClient agent = builder.build();
                agent.start(assignment -> handle(id, assignment, successChance));
                agents.add(agent);
            }
        }
    }

    static String workTypePools(int pools) {
        List<String> pairs = new ArrayList<>();
        for (int p = 1; p <= pools; p++) {
            pairs.add("w" + p + "=p" + p);
        }
        return String.join(",", pairs);
    }

    private AgentClient.Result handle(String self, Assignment assignment, double successChance) {
        if (!assignment.getAgentId().equals(self)) {
            misdelivered.add(assignment.getDecisionId());
        }
        if (!received.add(assignment.getDecisionId())) {
            misdelivered.add("twice:" + assignment.getDecisionId());
        }
        if (ThreadLocalRandom.current().nextDouble() < successChance) {
            succeeded.add(assignment.getDecisionId());
            return AgentClient.Result.succeeded();
        }
        return AgentClient.Result.failed(true);
    }

    @Override
    public void close() {
        agents.parallelStream().forEach(AgentClient::close);
    }
}
