package io.agentrouter.scoring;

import java.time.Duration;

/** The scoring policy: weights, sample size and windows of ROUTING.md, all configurable. */
public record Policy(double wSuccess, double wContext, double wSpec, double wLoad, int minSamples,
                     Duration contextWindow, Duration loadWindow, int loadCap, Duration heartbeatTtl) {

    public static Policy defaults() {
        return new Policy(40, 30, 20, 10, 10, Duration.ofHours(4), Duration.ofHours(1), 10, Duration.ofSeconds(30));
    }
}
