package io.agentrouter.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private static final Instant T = Instant.parse("2026-01-19T17:30:00Z");
    private static final Policy POLICY = Policy.defaults();

    private static CandidateInput agent(String id, long ok, long failed, Instant last, boolean spec, int load) {
        return new CandidateInput(id, ok, failed, last, spec, load);
    }

    private static ScoredCandidate score(CandidateInput input) {
        return Scorer.score(POLICY, T, input);
    }

    @Test
    void successPointsAloneFollowTheRate() {
        ScoredCandidate c = score(agent("a", 14, 6, null, false, 10));
        assertThat(c.successPoints()).isCloseTo(28.0, within(1e-12));
        assertThat(c.contextPoints()).isZero();
        assertThat(c.specializationPoints()).isZero();
        assertThat(c.loadPoints()).isZero();
        assertThat(c.score()).isCloseTo(28.0, within(1e-12));
        assertThat(c.successRatePercent()).isEqualTo(70);
    }

    @Test
    void contextPointsAlone() {
        ScoredCandidate c = score(agent("a", 0, 10, T.minus(Duration.ofMinutes(30)), false, 10));
        assertThat(c.successPoints()).isZero();
        assertThat(c.contextPoints()).isEqualTo(30.0);
        assertThat(c.score()).isEqualTo(30.0);
    }

    @Test
    void specializationPointsAlone() {
        ScoredCandidate c = score(agent("a", 0, 10, null, true, 10));
        assertThat(c.specializationPoints()).isEqualTo(20.0);
        assertThat(c.score()).isEqualTo(20.0);
    }

    @Test
    void loadPointsAloneAndCapped() {
        assertThat(score(agent("a", 0, 10, null, false, 0)).loadPoints()).isEqualTo(10.0);
        assertThat(score(agent("a", 0, 10, null, false, 3)).loadPoints()).isCloseTo(7.0, within(1e-12));
        assertThat(score(agent("a", 0, 10, null, false, 10)).loadPoints()).isZero();
        assertThat(score(agent("a", 0, 10, null, false, 25)).loadPoints()).isZero();
    }

    @Test
    void minimumSampleSizeNineVersusTen() {
        ScoredCandidate nine = score(agent("a", 9, 0, null, false, 0));
        ScoredCandidate ten = score(agent("a", 10, 0, null, false, 0));
        assertThat(nine.successPoints()).isEqualTo(20.0);
        assertThat(nine.successRatePercent()).isNull();
        assertThat(ten.successPoints()).isEqualTo(40.0);
        assertThat(ten.successRatePercent()).isEqualTo(100);
    }

    @Test
    void perfectAgentScoresHundred() {
        ScoredCandidate c = score(agent("a", 50, 0, T, true, 0));
        assertThat(c.score()).isEqualTo(100.0);
    }

    @Test
    void scoreIsCappedAtHundredWhenWeightsSumHigher() {
        Policy generous = new Policy(60, 30, 20, 10, 10, Duration.ofHours(4), Duration.ofHours(1), 10,
                Duration.ofSeconds(30));
        assertThat(Scorer.score(generous, T, agent("a", 10, 0, T, true, 0)).score()).isEqualTo(100.0);
    }

    @Test
    void contextWindowIncludesBothEnds() {
        assertThat(score(agent("a", 0, 0, T.minus(Duration.ofHours(4)), false, 0)).contextPoints()).isEqualTo(30.0);
        assertThat(score(agent("a", 0, 0, T, false, 0)).contextPoints()).isEqualTo(30.0);
        assertThat(score(agent("a", 0, 0, T.minus(Duration.ofHours(4)).minusMillis(1), false, 0)).contextPoints())
                .isZero();
        assertThat(score(agent("a", 0, 0, T.plusMillis(1), false, 0)).contextPoints()).isZero();
    }

    @Test
    void successRateRoundsHalfUp() {
        assertThat(Scorer.roundHalfUpPercent(5, 8)).isEqualTo(63); // 62.5
        assertThat(Scorer.roundHalfUpPercent(20, 21)).isEqualTo(95); // 95.238
        assertThat(Scorer.roundHalfUpPercent(1, 3)).isEqualTo(33);
        assertThat(Scorer.roundHalfUpPercent(2, 3)).isEqualTo(67);
    }

    @Test
    void workedExampleToTheDigit() {
        List<ScoredCandidate> ranked = Scorer.rank(POLICY, T, List.of(
                agent("B", 14, 6, T.minus(Duration.ofHours(6)), false, 0),
                agent("A", 20, 1, T.minus(Duration.ofMinutes(30)), true, 3)));
        assertThat(ranked).extracting(ScoredCandidate::agentId).containsExactly("A", "B");
        assertThat(ranked.get(0).successPoints()).isCloseTo(38.10, within(0.005));
        assertThat(ranked.get(0).score()).isCloseTo(95.10, within(0.005));
        assertThat(ranked.get(0).successRatePercent()).isEqualTo(95);
        assertThat(ranked.get(1).score()).isCloseTo(38.00, within(1e-12));
    }

    @Test
    void tiesGoToLowerLoadThenMoreExecutionsThenSmallerId() {
        Policy noLoadWeight = new Policy(40, 30, 20, 0, 10, Duration.ofHours(4), Duration.ofHours(1), 10,
                Duration.ofSeconds(30));
        List<ScoredCandidate> byLoad = Scorer.rank(noLoadWeight, T, List.of(
                agent("a", 7, 3, null, false, 5), agent("b", 7, 3, null, false, 4)));
        assertThat(byLoad).extracting(ScoredCandidate::agentId).containsExactly("b", "a");

        List<ScoredCandidate> byExecutions = Scorer.rank(POLICY, T, List.of(
                agent("a", 7, 3, null, false, 1), agent("b", 14, 6, null, false, 1)));
        assertThat(byExecutions).extracting(ScoredCandidate::agentId).containsExactly("b", "a");

        List<ScoredCandidate> byId = Scorer.rank(POLICY, T, List.of(
                agent("b", 7, 3, null, false, 1), agent("a", 7, 3, null, false, 1)));
        assertThat(byId).extracting(ScoredCandidate::agentId).containsExactly("a", "b");
    }

    @Test
    void scoresEqualUpToFloatingPointRoundingAreATie() {
        // 40*(0/10) + 10*(1-8/10) = 1.9999999999999996 and 40*(1/20) + 10*(1-10/10) = 2.0:
        // equal within 1e-9, so the lower load (8) wins although its double is smaller.
        CandidateInput lowerLoad = agent("y", 0, 10, null, false, 8);
        CandidateInput higherDouble = agent("x", 1, 19, null, false, 10);
        ScoredCandidate a = score(lowerLoad);
        ScoredCandidate b = score(higherDouble);
        assertThat(a.score()).isLessThan(b.score());
        assertThat(Math.abs(a.score() - b.score())).isLessThan(Scorer.EPSILON);
        assertThat(Scorer.rank(POLICY, T, List.of(higherDouble, lowerLoad)).get(0).agentId()).isEqualTo("y");
    }

    @Test
    void rankingMatchesTheRuleWrittenOutOnManyTiedFleets() {
        Random random = new Random(7);
        for (int fleet = 0; fleet < 500; fleet++) {
            List<CandidateInput> candidates = new ArrayList<>();
            int size = 1 + random.nextInt(60);
            for (int i = 0; i < size; i++) { // few distinct values: most candidates tie with another
                candidates.add(agent("agent-" + random.nextInt(1000), random.nextInt(4), random.nextInt(3),
                        random.nextBoolean() ? null : T.minus(Duration.ofHours(random.nextInt(6))),
                        random.nextBoolean(), random.nextInt(4)));
            }
            candidates = candidates.stream().collect(java.util.stream.Collectors.toMap(CandidateInput::agentId,
                    c -> c, (a, b) -> a)).values().stream().toList(); // ids are unique in a pool
            List<CandidateInput> sortedById = candidates.stream()
                    .sorted(Comparator.comparing(CandidateInput::agentId)).toList();
            List<String> expected = rankedTheSlowWay(sortedById);
            assertThat(Scorer.rank(POLICY, T, sortedById)).extracting(ScoredCandidate::agentId).isEqualTo(expected);
            assertThat(Scorer.rank(POLICY, T, candidates)).extracting(ScoredCandidate::agentId).isEqualTo(expected);
        }
    }

    /**
     * ROUTING.md's order with agent ids compared as strings: the candidates within 1e-9 of the best
     * score by tie-break, then the rest by exact score and tie-break.
     */
    private static List<String> rankedTheSlowWay(List<CandidateInput> candidates) {
        Comparator<ScoredCandidate> tieBreak = Comparator.<ScoredCandidate>comparingInt(c -> c.input().load())
                .thenComparing(c -> -c.input().executions()).thenComparing(ScoredCandidate::agentId);
        List<ScoredCandidate> scored = new ArrayList<>(candidates.stream().map(ScorerTest::score).toList());
        double best = scored.stream().mapToDouble(ScoredCandidate::score).max().orElse(0);
        List<ScoredCandidate> tied = new ArrayList<>(scored.stream().filter(c -> best - c.score() < Scorer.EPSILON)
                .sorted(tieBreak).toList());
        scored.stream().filter(c -> best - c.score() >= Scorer.EPSILON)
                .sorted(Comparator.comparingDouble(ScoredCandidate::score).reversed().thenComparing(tieBreak))
                .forEach(tied::add);
        return tied.stream().map(ScoredCandidate::agentId).toList();
    }
}
