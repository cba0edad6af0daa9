package io.quire.console;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * What every fsadmin subcommand does around its own work: check its arguments, connect, print the
 * result (aligned lines or {@code --json}), and turn a {@link CommandFailure} into one line on stderr
 * and its exit code.
 *
 * <p>A command with subcommands of its own ({@code daily-backup status|run-now}) is an
 * {@code AdminCommand} too, which runs when no subcommand is given: its status.
 */
abstract class AdminCommand implements Callable<Integer> {
  /** The end of every footer: what exit 2 and 3 mean. */
  static final String EXIT_USAGE_REFUSED = " 2 usage error, 3 refused: authentication failed or access denied"
      + " (operations need a JMX user with readwrite access).";

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--json", description = "print JSON (an object, or an array of them), for scripts")
  boolean json;

  @Spec
  CommandSpec spec;

  /** Checks the arguments before connecting, so a usage error never needs a master. */
  void validate(FsAdmin context) throws CommandFailure {}

  abstract Output run(MasterConnection master) throws CommandFailure;

  @Override
  public final Integer call() {
    FsAdmin context = fsAdmin();
    try {
      refuseOptionsBeforeThisCommand();
      ConnectionTarget target = connection.target(context);
      validate(context);
      try (MasterConnection master = MasterConnection.open(target)) {
        run(master).print(spec.commandLine().getOut(), json);
      }
      return 0;
    } catch (CommandFailure failure) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(commandName() + ": " + failure.getMessage());
      err.flush();
      return failure.exitCode();
    }
  }

  /** The {@code fsadmin} this command runs under (its environment and configuration folder). */
  private FsAdmin fsAdmin() {
    for (CommandSpec command = spec.parent(); command != null; command = command.parent()) {
      if (command.userObject() instanceof FsAdmin fsAdmin) {
        return fsAdmin;
      }
    }
    return new FsAdmin();
  }

  /** "fsadmin daily-backup run-now", for messages. */
  String commandName() {
    Deque<String> names = new ArrayDeque<>();
    for (CommandSpec command = spec; command != null && !(command.userObject() instanceof FsAdmin);
        command = command.parent()) {
      names.addFirst(command.name());
    }
    return "fsadmin " + String.join(" ", names);
  }

  /**
   * {@code fsadmin bundles --json list} would print without JSON: the options belong to
   * {@code bundles}, which does not run. A usage error says where they go instead.
   */
  private void refuseOptionsBeforeThisCommand() throws CommandFailure {
    CommandSpec parent = spec.parent();
    if (parent == null || !(parent.userObject() instanceof AdminCommand)) {
      return;
    }
    ParseResult parsed = parent.commandLine().getParseResult();
    if (parsed != null && !parsed.matchedOptions().isEmpty()) {
      String options = parsed.matchedOptions().stream().map(OptionSpec::longestName).distinct()
          .collect(Collectors.joining(" "));
      throw CommandFailure.usage("give " + options + " after the subcommand: " + commandName() + " " + options
          + " ...");
    }
  }
}
