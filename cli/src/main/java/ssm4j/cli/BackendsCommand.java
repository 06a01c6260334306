package ssm4j.cli;

import java.util.List;

import ssm4j.api.Backends;

/** {@code ./ssm4j backends}: every tier, available or the reason it is not, and the default choice. */
public final class BackendsCommand implements Command {
    @Override
    public int run(String[] args) {
        if (new OptionSet(List.of()).parse(args, 0).helpRequested()) {
            System.out.println("usage: ./ssm4j backends   lists every backend, available or why not, and the default");
            return 0;
        }
        Backends.availability().forEach((n, why) -> System.out.printf("%-11s %s%n", n, why));
        System.out.println("default: " + Backends.get().describe());
        return 0;
    }
}
