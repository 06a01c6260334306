package ssm4j.cli;

/** One sub-command of {@code ./ssm4j}. Implementations have a public no-argument constructor. */
public interface Command {
    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @return the process exit status (0 success, 1 a check failed, 2 bad usage)
     * @throws Exception any failure; Main prints it and exits 2
     */
    int run(String[] args) throws Exception;
}
