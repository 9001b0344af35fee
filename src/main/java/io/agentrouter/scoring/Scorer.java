package io.agentrouter.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The score of ROUTING.md, as a pure function: no Kafka, no clock, no state. The topology and the
 * offline {@code score} command both call it.
 */
public final class Scorer {

    /** Scores closer than this are equal (ROUTING.md). */
    public static final double EPSILON = 1e-9;

    /** Lower load, then more executions. (Written out: no boxing per comparison.) */
    private static final Comparator<ScoredCandidate> LOAD_THEN_EXECUTIONS = (a, b) -> {
        int byLoad = Integer.compare(a.input().load(), b.input().load());
        return byLoad != 0 ? byLoad : Long.compare(b.input().executions(), a.input().executions());
    };

    /** The tie-breaks: lower load, then more executions, then smaller agent id. */
    private static final Comparator<ScoredCandidate> TIE_BREAK = (a, b) -> {
        int byLoadThenExecutions = LOAD_THEN_EXECUTIONS.compare(a, b);
        return byLoadThenExecutions != 0 ? byLoadThenExecutions : a.agentId().compareTo(b.agentId());
    };

    /**
     * Higher exact score first, then load and executions; candidates equal in all three keep their
     * order, which is agent-id order (the sort is stable and its input sorted by id).
     */
    private static final Comparator<ScoredCandidate> EXACT = (a, b) -> {
        int byScore = Double.compare(b.score(), a.score());
        return byScore != 0 ? byScore : LOAD_THEN_EXECUTIONS.compare(a, b);
    };

    private Scorer() {
    }

    public static ScoredCandidate score(Policy policy, Instant taskTime, CandidateInput candidate) {
        return score(policy, taskTime.minus(policy.contextWindow()), taskTime, candidate);
    }

    private static ScoredCandidate score(Policy policy, Instant contextFrom, Instant taskTime,
                                         CandidateInput candidate) {
        long executions = candidate.executions();
        boolean enoughSamples = executions >= policy.minSamples();
        double rate = enoughSamples ? (double) candidate.successCount() / executions : 0.5;
        double successPoints = policy.wSuccess() * rate;

        Instant last = candidate.lastExecutionAt();
        boolean recent = last != null && within(last, contextFrom, taskTime);
        double contextPoints = recent ? policy.wContext() : 0;

        double specializationPoints = candidate.specializationMatch() ? policy.wSpec() : 0;

        int cappedLoad = Math.min(candidate.load(), policy.loadCap());
        double loadPoints = policy.wLoad() * (1 - (double) cappedLoad / policy.loadCap());

        double score = Math.min(successPoints + contextPoints + specializationPoints + loadPoints, 100.0);
        Integer percent = enoughSamples ? roundHalfUpPercent(candidate.successCount(), executions) : null;
        return new ScoredCandidate(candidate, successPoints, contextPoints, specializationPoints, loadPoints, score,
                percent);
    }

    /**
     * Scores every candidate and orders them best first: the candidates within {@link #EPSILON} of
     * the highest score are tied and come first by the tie-breaks (lower load, more executions,
     * smaller agent id); the rest follow by score, then the same tie-breaks.
     */
    public static List<ScoredCandidate> rank(Policy policy, Instant taskTime, List<CandidateInput> candidates) {
        // A stable sort of candidates listed by id leaves equal ones in id order without comparing
        // ids as strings, which the profile showed; the router lists them by id already.
        Instant contextFrom = taskTime.minus(policy.contextWindow());
        List<ScoredCandidate> scored = new ArrayList<>(candidates.size());
        for (CandidateInput candidate : inIdOrder(candidates)) {
            scored.add(score(policy, contextFrom, taskTime, candidate));
        }
        scored.sort(EXACT);
        // The tie is measured from the best score, so it is a prefix of the exact order and never chains.
        double best = scored.isEmpty() ? 0 : scored.get(0).score();
        int tied = 1;
        while (tied < scored.size() && best - scored.get(tied).score() < EPSILON) {
            tied++;
        }
        if (tied > 1 && scored.get(tied - 1).score() != best) {
            scored.subList(0, tied).sort(TIE_BREAK);
        }
        return scored;
    }

    /** The candidates by agent id: the list itself when it already is (one pass), else a sorted copy. */
    private static List<CandidateInput> inIdOrder(List<CandidateInput> candidates) {
        for (int i = 1; i < candidates.size(); i++) {
            if (candidates.get(i - 1).agentId().compareTo(candidates.get(i).agentId()) > 0) {
                List<CandidateInput> sorted = new ArrayList<>(candidates);
                sorted.sort(Comparator.comparing(CandidateInput::agentId));
                return sorted;
            }
        }
        return candidates;
    }

    /** True when {@code from <= t <= to}: both ends of a window are included. */
    public static boolean within(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && !t.isAfter(to);
    }

    /** successes * 100 / executions rounded half up, in exact integer arithmetic (62.5 -> 63). */
    static int roundHalfUpPercent(long successes, long executions) {
        return (int) ((200 * successes + executions) / (2 * executions));
    }
}
