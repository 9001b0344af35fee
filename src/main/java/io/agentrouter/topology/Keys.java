package io.agentrouter.topology;

/**
 * Composite store keys. Parts are joined with NUL, which input validation forbids in every id and
 * name, so a prefix scan for {@code a NUL b NUL} matches exactly the keys under (a, b).
 */
final class Keys {

    static final char SEP = '\u0000';

    private Keys() {
    }

    static String of(String first, String second) {
        return first + SEP + second;
    }

    static String of(String first, String second, String third) {
        return first + SEP + second + SEP + third;
    }

    static String prefix(String first) {
        return first + SEP;
    }

    static String prefix(String first, String second) {
        return first + SEP + second + SEP;
    }

    /** The part after the last separator. */
    static String last(String key) {
        return key.substring(key.lastIndexOf(SEP) + 1);
    }
}
