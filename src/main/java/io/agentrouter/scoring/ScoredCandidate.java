package io.agentrouter.scoring;

/**
 * A candidate with its four component points and total.
 *
 * @param successRatePercent rate * 100 rounded half up, or null below min_samples
 */
public record ScoredCandidate(CandidateInput input, double successPoints, double contextPoints,
                              double specializationPoints, double loadPoints, double score,
                              Integer successRatePercent) {

    public String agentId() {
        return input.agentId();
    }

    public boolean contextMatched() {
        return contextPoints > 0;
    }

    public boolean specializationMatched() {
        return specializationPoints > 0;
    }
}
