package io.quire.console;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code fsadmin}: administers a running master over JMX. The launcher adds an instance as the
 * {@code fsadmin} subcommand of {@code bin/quire}; a {@code --conf} option of the launcher is honoured.
 * Between them, the subcommands cover every Quire MBean and the OSGi framework's bundles.
 *
 * <p>Exit codes of every subcommand: 0 ok, 1 master unreachable or unable to do it (one line on stderr
 * naming the URL or the MBean), 2 usage error, 3 refused (authentication failed, or the JMX user's
 * access level does not allow it).
 */
@Command(name = "fsadmin",
    description = "Administers a running master over JMX. Every command takes --help, and --json for scripts.",
    subcommands = {ReportCommand.class, BackupCommand.class, CheckpointCommand.class,
        MoveJournalCommand.class, DailyBackupCommand.class, RestoreCommand.class, StorageCommand.class,
        BundlesCommand.class},
    footer = {"Exit codes: 0 ok, 1 failed or master unreachable, 2 usage error, 3 refused: authentication failed"
        + " or access denied (the JMX user's access level does not allow it; operations need readwrite).",
        "Without a command: this help, on stderr, with exit code 2."})
public final class FsAdmin implements Callable<Integer> {
  static final String CONF_DIR_ENV = "QUIRE_CONF_DIR";

  private final Function<String, String> environment;

  @Spec
  CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  boolean help;

  public FsAdmin() {
    this(System::getenv);
  }

  /** @param environment environment variables by name ({@code QUIRE_JMX_PASSWORD}, {@code QUIRE_CONF_DIR}) */
  public FsAdmin(Function<String, String> environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new FsAdmin()).execute(args));
  }

  /** Without a subcommand: the usage on stderr, and a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }

  Function<String, String> environment() {
    return environment;
  }

  /** The configuration folder named by an enclosing command's {@code --conf}, else by {@code $QUIRE_CONF_DIR}. */
  Optional<Path> confDir() {
    for (CommandSpec command = spec == null ? null : spec.parent(); command != null; command = command.parent()) {
      OptionSpec conf = command.findOption("--conf");
      ParseResult parsed = command.commandLine().getParseResult();
      if (conf != null && conf.getValue() != null && parsed != null && parsed.hasMatchedOption(conf)) {
        return Optional.of(Path.of(conf.getValue().toString()));
      }
    }
    return Optional.ofNullable(environment.apply(CONF_DIR_ENV)).filter(s -> !s.isBlank()).map(Path::of);
  }
}
