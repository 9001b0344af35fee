package io.agentrouter.scoring;

import java.time.Instant;

/**
 * What the scorer needs to know about one candidate agent for one task.
 *
 * @param successCount accepted successes at the task's work type
 * @param failureCount accepted failures at the task's work type
 * @param lastExecutionAt latest finished_at of its accepted outcomes at this work type, or null
 * @param specializationMatch whether the wanted specialization is among its specializations
 * @param load ASSIGNED decisions to it within the load window before T (raw count)
 */
public record CandidateInput(String agentId, long successCount, long failureCount, Instant lastExecutionAt,
                             boolean specializationMatch, int load) {

    public long executions() {
        return successCount + failureCount;
    }
}
