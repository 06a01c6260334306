package ssm4j.cli;

import java.util.List;
import java.util.Map;

/**
 * The options one command line gave, already checked against the command's declaration: every key here is a
 * declared option. Typed accessors name the option in their error ({@code "--threads: expected an integer, got
 * 'abc'"}), so a bad value never surfaces as a bare {@code NumberFormatException}.
 */
public final class ParsedOptions {
    private final Map<String, String> values;
    private final List<String> positionals;
    private final boolean help;

    ParsedOptions(Map<String, String> values, List<String> positionals, boolean help) {
        this.values = values;
        this.positionals = positionals;
        this.help = help;
    }

    /** Whether {@code --help} (or {@code -h}) was given. */
    public boolean helpRequested() {
        return help;
    }

    /** Arguments that are not options, in order. */
    public List<String> positionals() {
        return positionals;
    }

    /** Whether option {@code name} was given (a flag: whether it is set). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of option {@code name}, or {@code dflt} when it was not given. */
    public String get(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    /** @throws IllegalArgumentException naming the option when it was not given */
    public String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + ": is required");
        }
        return v;
    }

    /** An integer option, or {@code dflt} when absent. @throws IllegalArgumentException naming the option */
    public int intValue(String name, int dflt) {
        long v = longValue(name, dflt);
        if (v != (int) v) {
            throw new IllegalArgumentException("--" + name + ": must be at most " + Integer.MAX_VALUE + ", got " + v);
        }
        return (int) v;
    }

    /** A positive integer option ({@code >= 1}), or {@code dflt} when absent. */
    public int positiveInt(String name, int dflt) {
        int v = intValue(name, dflt);
        if (v < 1) {
            throw new IllegalArgumentException("--" + name + ": must be >= 1, got " + v);
        }
        return v;
    }

    /** A {@code long} option, or {@code dflt} when absent. @throws IllegalArgumentException naming the option */
    public long longValue(String name, long dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": expected an integer, got '" + v + "'");
        }
    }
}
