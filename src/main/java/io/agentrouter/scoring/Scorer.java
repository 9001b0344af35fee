package io.agentrouter.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The score of ROUTING.md, as a pure function: no Kafka, no clock, no state. The topology and the
 * offline {@code score} command both call it.
 */
public final class Scorer {

    /** Scores closer than this are equal (ROUTING.md). */
    public static final double EPSILON = 1e-9;

    /** A scored candidate and its place in agent-id order, the last tie-break. */
    private record Ranked(ScoredCandidate candidate, int idOrder) {
    }

    /** Lower load, then more executions, then smaller agent id. (Written out: no boxing per comparison.) */
    private static final Comparator<Ranked> TIE_BREAK = (a, b) -> {
        CandidateInput x = a.candidate().input();
        CandidateInput y = b.candidate().input();
        int byLoad = Integer.compare(x.load(), y.load());
        if (byLoad != 0) {
            return byLoad;
        }
        int byExecutions = Long.compare(y.executions(), x.executions());
        return byExecutions != 0 ? byExecutions : Integer.compare(a.idOrder(), b.idOrder());
    };

    /** Higher exact score first, then the tie-breaks. */
    private static final Comparator<Ranked> EXACT = (a, b) -> {
        int byScore = Double.compare(b.candidate().score(), a.candidate().score());
        return byScore != 0 ? byScore : TIE_BREAK.compare(a, b);
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
     * Scores every candidate and orders them best first: by score, where scores closer than
     * {@link #EPSILON} count as equal, then lower load, more executions, smaller agent id.
     */
    public static List<ScoredCandidate> rank(Policy policy, Instant taskTime, List<CandidateInput> candidates) {
        // Ties are common (every agent new to a work type scores the same), and comparing ids as
        // strings was 6 % of the router's stream thread: compare places in id order instead. The
        // router lists candidates in id order already, so finding the places is one pass.
        List<CandidateInput> byId = inIdOrder(candidates);
        Instant contextFrom = taskTime.minus(policy.contextWindow());
        Ranked[] ranked = new Ranked[byId.size()];
        for (int i = 0; i < ranked.length; i++) {
            ranked[i] = new Ranked(score(policy, contextFrom, taskTime, byId.get(i)), i);
        }
        // Exact order first, then near-equal runs re-ordered by the tie-breaks: a total order, so
        // the sort contract holds even though "equal within epsilon" is not transitive.
        Arrays.sort(ranked, EXACT);
        int start = 0;
        for (int i = 1; i <= ranked.length; i++) {
            boolean runEnds = i == ranked.length
                    || ranked[i - 1].candidate().score() - ranked[i].candidate().score() >= EPSILON;
            if (runEnds) {
                if (i - start > 1) {
                    Arrays.sort(ranked, start, i, TIE_BREAK);
                }
                start = i;
            }
        }
        List<ScoredCandidate> best = new ArrayList<>(ranked.length);
        for (Ranked r : ranked) {
            best.add(r.candidate());
        }
        return best;
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
