package io.github.kdastepscaling.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A subcommand that answers a bad input or a failed write with one line on stderr and exit code 1, as the
 * simulator's exit codes say (2, a bad command line, is picocli's own).
 */
abstract class ReportingCommand implements Callable<Integer> {

    final PrintWriter err;

    ReportingCommand(PrintWriter err) {
        this.err = err;
    }

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (TraceFormatException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e);
            return 1;
        }
    }

    /** @return the exit code; an exception this may throw becomes exit code 1 */
    abstract int execute() throws IOException, TraceFormatException;
}
