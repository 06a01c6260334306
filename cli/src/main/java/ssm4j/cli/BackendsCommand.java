package ssm4j.cli;

import ssm4j.api.Backends;

/** {@code ./ssm4j backends}: every tier, available or the reason it is not, and the default choice. */
public final class BackendsCommand implements Command {
    @Override
    public int run(String[] args) {
        Backends.availability().forEach((n, why) -> System.out.printf("%-11s %s%n", n, why));
        System.out.println("default: " + Backends.get().describe());
        return 0;
    }
}
