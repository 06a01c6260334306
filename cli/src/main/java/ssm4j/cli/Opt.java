package ssm4j.cli;

/**
 * One declared command-line option: {@code --name VALUE} or, for a flag, {@code --name} alone. Commands declare
 * the options they accept so that anything else is an error naming the closest valid one, and {@code --help}
 * lists exactly what a command reads.
 *
 * @param name      the option's name without the leading {@code --}
 * @param valueName what the value is, shown in help ({@code null} for a flag, which takes no value)
 * @param help      one line for {@code --help}
 */
public record Opt(String name, String valueName, String help) {
    /** An option taking a value, {@code --name VALUE} (or {@code --name=VALUE}). */
    public static Opt value(String name, String valueName, String help) {
        return new Opt(name, valueName, help);
    }

    /** A flag: present or absent, never followed by a value. */
    public static Opt flag(String name, String help) {
        return new Opt(name, null, help);
    }

    /** Whether this option is a flag (takes no value). */
    public boolean isFlag() {
        return valueName == null;
    }

    /** {@code --name VALUE} or {@code --name}, as shown in help. */
    public String synopsis() {
        return "--" + name + (isFlag() ? "" : " " + valueName);
    }
}
