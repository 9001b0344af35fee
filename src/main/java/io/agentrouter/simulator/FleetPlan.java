package io.agentrouter.simulator;

import io.agentrouter.model.AgentType;
import java.util.List;

/**
 * The simulated fleet of {@code local} mode: three pools of agents of differing skill, and the
 * work types producers submit. Skill is the chance an attempt succeeds.
 */
public record FleetPlan(List<SimulatedAgent> agents, List<String> workTypes, String workTypePools,
                        String workTypeSpecializations) {

    /** One simulated agent. */
    public record SimulatedAgent(String id, AgentType type, String pool, List<String> capabilities,
                                 List<String> specializations, double skill) {
    }

    public static FleetPlan standard() {
        List<String> infra = List.of("deploy_service", "restart_service");
        List<String> code = List.of("run_tests", "review_code");
        List<String> research = List.of("summarize_paper");
        return new FleetPlan(List.of(
                new SimulatedAgent("infra-1", AgentType.INFRA, "infra_pool_1", infra, List.of("deployment_expert"), 0.95),
                new SimulatedAgent("infra-2", AgentType.INFRA, "infra_pool_1", infra, List.of(), 0.80),
                new SimulatedAgent("infra-3", AgentType.INFRA, "infra_pool_1", List.of("restart_service"), List.of(), 0.70),
                new SimulatedAgent("infra-4", AgentType.INFRA, "infra_pool_1", infra, List.of("deployment_expert"), 0.55),
                new SimulatedAgent("code-1", AgentType.CODE, "code_pool", code, List.of("test_expert"), 0.90),
                new SimulatedAgent("code-2", AgentType.CODE, "code_pool", code, List.of(), 0.75),
                new SimulatedAgent("code-3", AgentType.CODE, "code_pool", List.of("review_code"), List.of(), 0.60),
                new SimulatedAgent("research-1", AgentType.RESEARCH, "research_pool", research, List.of(), 0.85),
                new SimulatedAgent("research-2", AgentType.RESEARCH, "research_pool", research, List.of(), 0.65)),
                // paint_fence has no pool: those tasks show what a rejection looks like
                List.of("deploy_service", "restart_service", "run_tests", "review_code", "summarize_paper",
                        "paint_fence"),
                "deploy_service=infra_pool_1,restart_service=infra_pool_1,run_tests=code_pool,review_code=code_pool,"
                        + "summarize_paper=research_pool",
                "deploy_service=deployment_expert,run_tests=test_expert");
    }
}
