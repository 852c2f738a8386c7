package io.github.kdastepscaling.simulator;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar kda-step-scaling-simulator.jar run|tune ...}: the picocli subcommands {@code run}
 * ({@link RunCommand}) and {@code tune} ({@link TuneCommand}). A command line that names neither is {@code run}'s, as
 * before the subcommands ({@code java -jar ... --trace TRACE.csv --out DIR} keeps working).
 * Exit codes: 0 done, 1 an input or output error (message on stderr), 2 bad command line.
 */
@Command(name = "kda-step-scaling-simulator")
public final class SimulatorCommand {

    /** {@code --version}: the version in the executable jar's manifest ({@code Implementation-Version}). */
    static final class JarVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SimulatorCommand.class.getPackage().getImplementationVersion();
            return new String[] {"kda-step-scaling-simulator " + (version == null ? "(not from a jar)" : version)};
        }
    }

    private SimulatorCommand() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new SimulatorCommand())
                .addSubcommand(new RunCommand(err))
                .addSubcommand(new TuneCommand(err));
        commandLine.setOut(out);
        commandLine.setErr(err);
        if (args.length == 0 || !commandLine.getSubcommands().containsKey(args[0])) {
            // no subcommand (--help and --version included): run, the simulator's command before tune existed
            args = Stream.concat(Stream.of("run"), Arrays.stream(args)).toArray(String[]::new);
        }
        return commandLine.execute(args);
    }
}
