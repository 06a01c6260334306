package ssm4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options one command (or one operation of {@code run}) accepts, and the parser that holds a command line to
 * them. An unknown option is an error naming the closest declared one ({@code --precison} → "did you mean
 * --precision?"), a flag followed by {@code =value} is an error, a value option without a value is an error, and
 * {@code --help}/{@code -h} is always accepted. Silently ignoring a misspelt option would run with a default the
 * user did not choose, which is why nothing undeclared passes.
 */
public final class OptionSet {
    private final Map<String, Opt> opts = new LinkedHashMap<>();

    /** A set of the given options (names must be distinct). */
    public OptionSet(List<Opt> options) {
        for (Opt o : options) {
            if (opts.putIfAbsent(o.name(), o) != null) {
                throw new IllegalArgumentException("option --" + o.name() + " declared twice");
            }
        }
    }

    /** This set plus {@code more} (e.g. common options plus an operation's own). */
    public OptionSet with(List<Opt> more) {
        List<Opt> all = new ArrayList<>(opts.values());
        all.addAll(more);
        return new OptionSet(all);
    }

    /** The declared options, in declaration order. */
    public List<Opt> options() {
        return List.copyOf(opts.values());
    }

    /**
     * Parses {@code args} against this set.
     *
     * @param maxPositionals how many non-option arguments are allowed
     * @throws IllegalArgumentException naming the offending argument
     */
    public ParsedOptions parse(String[] args, int maxPositionals) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
                continue;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                if (positionals.size() >= maxPositionals) {
                    String prev = i > 0 ? args[i - 1] : "";
                    Opt flag = prev.startsWith("--") ? opts.get(prev.substring(2)) : null;
                    throw new IllegalArgumentException("unexpected argument '" + a + "'" + (flag != null
                            && flag.isFlag() ? " (--" + flag.name() + " is a flag and takes no value)" : ""));
                }
                positionals.add(a);
                continue;
            }
            if (!a.startsWith("--")) {
                throw unknown(a);
            }
            String key = a.substring(2);
            String inline = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                inline = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            Opt o = opts.get(key);
            if (o == null) {
                throw unknown("--" + key);
            }
            if (values.containsKey(key)) {
                throw new IllegalArgumentException("--" + key + ": given twice");
            }
            if (o.isFlag()) {
                if (inline != null) {
                    throw new IllegalArgumentException("--" + key + ": is a flag and takes no value, got '"
                            + inline + "'");
                }
                values.put(key, "true");
            } else if (inline != null) {
                values.put(key, inline);
            } else {
                if (i + 1 >= args.length || (args[i + 1].startsWith("--") && args[i + 1].length() > 2)) {
                    throw new IllegalArgumentException("--" + key + ": needs a value (" + o.valueName() + ")");
                }
                values.put(key, args[++i]);
            }
        }
        return new ParsedOptions(values, positionals, help);
    }

    /** One line per option, for {@code --help}. */
    public String help() {
        StringBuilder sb = new StringBuilder();
        int w = 0;
        for (Opt o : opts.values()) {
            w = Math.max(w, o.synopsis().length());
        }
        for (Opt o : opts.values()) {
            sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %s%n", o.synopsis(), o.help()));
        }
        sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %s%n", "--help", "this list"));
        return sb.toString();
    }

    /**
     * The error for an undeclared option {@code arg} ({@code --name} or {@code -x}), naming the closest declared
     * one ("did you mean --name?") and every valid one; for commands with a parser of their own (such as
     * {@code bench}, whose options repeat) that still want this command-line behaviour.
     */
    public IllegalArgumentException unknown(String arg) {
        String key = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        return new IllegalArgumentException("unknown option '" + arg + "'" + suggestion(key));
    }

    private String suggestion(String key) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String name : opts.keySet()) {
            int d = distance(key.toLowerCase(Locale.ROOT), name);
            if (d < bestD) {
                best = name;
                bestD = d;
            }
        }
        if (best == null) {
            return "; this command takes no options";
        }
        String valid = "valid: " + String.join(", ", opts.keySet().stream().map(n -> "--" + n).toList());
        // a distant "closest" name is noise, so only a plausible typo gets "did you mean"
        return bestD <= Math.max(2, best.length() / 3) ? "; did you mean --" + best + "? (" + valid + ")"
                : " (" + valid + ")";
    }

    /** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
