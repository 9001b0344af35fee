package io.agentrouter.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** How a setting's text is parsed, and how its accepted values are described in error messages. */
public record ValueType<T>(String accepted, Function<String, T> parser) {

    public static final ValueType<String> TEXT = new ValueType<>("any text", s -> s);

    public static final ValueType<String> NAME = new ValueType<>("a non-empty name without spaces", s -> {
        if (s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException();
        }
        return s;
    });

    public static final ValueType<Boolean> BOOLEAN = new ValueType<>("true or false", s -> {
        if (!s.strip().equals("true") && !s.strip().equals("false")) {
            throw new IllegalArgumentException();
        }
        return Boolean.parseBoolean(s.strip());
    });

    public static final ValueType<Double> WEIGHT = new ValueType<>("a number from 0 to 100", s -> {
        double v = Double.parseDouble(s);
        if (!(v >= 0 && v <= 100)) {
            throw new IllegalArgumentException();
        }
        return v;
    });

    public static final ValueType<Duration> DURATION = new ValueType<>(
            "a positive ISO-8601 duration such as PT30S, PT4H or P7D", s -> {
                try {
                    Duration d = Duration.parse(s.strip().toUpperCase());
                    if (d.isNegative() || d.isZero()) {
                        throw new IllegalArgumentException();
                    }
                    return d;
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(e);
                }
            });

    public static final ValueType<Map<String, String>> PAIRS = new ValueType<>(
            "comma-separated work_type=value pairs, e.g. deploy_service=infra_pool_1,run_tests=code_pool", s -> {
                Map<String, String> map = new LinkedHashMap<>();
                for (String pair : s.split(",")) {
                    if (pair.isBlank()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    if (eq <= 0 || eq == pair.length() - 1) {
                        throw new IllegalArgumentException();
                    }
                    map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
                return Map.copyOf(map);
            });

    public static ValueType<Integer> intAtLeast(int min) {
        return new ValueType<>("a whole number >= " + min, s -> {
            int v = Integer.parseInt(s.strip());
            if (v < min) {
                throw new IllegalArgumentException();
            }
            return v;
        });
    }

    public static ValueType<String> oneOf(String... values) {
        return new ValueType<>("one of " + String.join(", ", values), s -> {
            for (String v : values) {
                if (v.equals(s.strip())) {
                    return v;
                }
            }
            throw new IllegalArgumentException();
        });
    }

    T parse(String key, String text, String source) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new ConfigException("invalid value '" + text + "' for " + key + " (from " + source
                    + "); accepted: " + accepted);
        }
    }
}
