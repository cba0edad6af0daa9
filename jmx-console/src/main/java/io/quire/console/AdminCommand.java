package io.quire.console;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every fsadmin subcommand does around its own work: check its arguments, connect, print the
 * resulting fields (aligned lines or {@code --json}), and turn a {@link CommandFailure} into one line
 * on stderr and its exit code.
 */
abstract class AdminCommand implements Callable<Integer> {
  @Mixin
  ConnectionOptions connection;

  @Option(names = "--json", description = "print one JSON object, for scripts")
  boolean json;

  @Spec
  CommandSpec spec;

  @ParentCommand
  FsAdmin fsAdmin;

  /** Checks the arguments before connecting, so a usage error never needs a master. */
  void validate(FsAdmin context) throws CommandFailure {}

  abstract List<Field> run(MasterConnection master) throws CommandFailure;

  @Override
  public final Integer call() {
    FsAdmin context = fsAdmin != null ? fsAdmin : new FsAdmin();
    try {
      ConnectionTarget target = connection.target(context);
      validate(context);
      try (MasterConnection master = MasterConnection.open(target)) {
        FieldPrinter.print(spec.commandLine().getOut(), run(master), json);
      }
      return 0;
    } catch (CommandFailure failure) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("fsadmin " + spec.name() + ": " + failure.getMessage());
      err.flush();
      return failure.exitCode();
    }
  }
}
