package io.quire.launcher.cli;

import io.quire.launcher.Availability;
import io.quire.launcher.LibDir;
import io.quire.launcher.config.ConfigException;
import io.quire.launcher.config.SiteConfig;
import io.quire.launcher.config.SiteConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/quire [--conf DIR] COMMAND ...}. Every error ends with a non-zero exit and one line
 * on stderr: {@code quire: <reason>}.
 */
@Command(name = "quire", mixinStandardHelpOptions = true, versionProvider = QuireCli.Version.class,
    description = "Operates a Quire master: format, start, stop, fs, fsadmin, journal.",
    subcommands = {FormatCommand.class, StartCommand.class, StopCommand.class, CommandLine.HelpCommand.class})
public final class QuireCli implements Callable<Integer> {

  /** Set by {@code bin/quire} to the installation (or {@code QUIRE_HOME}). */
  public static final String HOME_PROPERTY = "quire.home";
  public static final String CONF_ENV = "QUIRE_CONF_DIR";
  /** The configuration folder in use, for the commands of other modules. */
  public static final String CONF_DIR_PROPERTY = "quire.conf.dir";

  @Option(names = "--conf", paramLabel = "DIR",
      description = "configuration folder (default: $QUIRE_CONF_DIR, else ${quire.home}/conf)")
  Path conf;

  public static void main(String[] args) {
    String[] all = withConf(args);
    System.exit(forArguments(all).execute(all));
  }

  /**
   * The command line that runs {@code args}. Picocli builds every command it is given, fsadmin's
   * dozens of subcommands too: format, start and stop (a start's CLI time is part of the
   * master's start time) go without the other modules' commands; help and everything else get
   * them all.
   */
  static CommandLine forArguments(String[] args) {
    CommandLine commandLine = ownCommands();
    String word = commandWord(args);
    if (word.equals("help") || !commandLine.getSubcommands().containsKey(word)) {
      Delegates.addTo(commandLine);
    }
    return commandLine;
  }

  /** The first argument that is neither an option nor {@code --conf}'s folder, or "". */
  static String commandWord(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--conf")) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return "";
  }

  /**
   * The arguments with the configuration folder made explicit: {@code --conf} as given, else
   * {@code $QUIRE_CONF_DIR}, else {@code ${quire.home}/conf}. It is also published as the system
   * property {@code quire.conf.dir} before parsing, so that the commands of other modules (whose
   * option defaults are resolved while parsing) see the same folder as the launcher.
   */
  static String[] withConf(String[] args) {
    List<String> all = new ArrayList<>(List.of(args));
    QuireCli defaults = new QuireCli();
    for (int i = 0; i < args.length && args[i].startsWith("-"); i++) {
      if (args[i].equals("--conf") && i + 1 < args.length) {
        defaults.conf = Path.of(args[i + 1]);
      } else if (args[i].startsWith("--conf=")) {
        defaults.conf = Path.of(args[i].substring("--conf=".length()));
      }
    }
    if (defaults.conf == null) {
      all.addAll(0, List.of("--conf", defaults.confDir().toString()));
    }
    System.setProperty(CONF_DIR_PROPERTY, defaults.confDir().toString());
    return all.toArray(String[]::new);
  }

  /** The full command line, external commands included, with Quire's error handling. */
  public static CommandLine commandLine() {
    CommandLine commandLine = ownCommands();
    Delegates.addTo(commandLine);
    return commandLine;
  }

  /** This module's commands only (format, start, stop, help), with Quire's error handling. */
  static CommandLine ownCommands() {
    QuireCli cli = new QuireCli();
    CommandLine commandLine = new CommandLine(cli);
    commandLine.setExecutionStrategy(new ConfiguredExecution(cli));
    commandLine.setExecutionExceptionHandler(new OneLineErrors());
    commandLine.setParameterExceptionHandler(new OneLineErrors());
    return commandLine;
  }

  Path home() {
    String home = System.getProperty(HOME_PROPERTY);
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  Path confDir() {
    if (conf != null) {
      return conf.toAbsolutePath().normalize();
    }
    String fromEnv = System.getenv(CONF_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath().normalize();
    }
    return home().resolve("conf");
  }

  @Spec
  CommandSpec spec;

  /** Without a command: the usage on stderr, and a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return OneLineErrors.EXIT_USAGE;
  }

  /**
   * Loads and validates the site configuration of {@link #confDir()} for a command that talks to
   * a master or its folder: the JMX secret files are not opened (they may be the master's user's
   * alone); see {@link SiteConfigLoader#loadForClient}.
   */
  SiteConfig loadConfig() throws ConfigException {
    try {
      return SiteConfigLoader.loadForClient(confDir(), home());
    } catch (ConfigException e) {
      throw inConfigFile(e);
    }
  }

  /** Loads the configuration a master will run with: every check, as the server makes them. */
  SiteConfig loadServerConfig() throws ConfigException {
    try {
      return SiteConfigLoader.load(confDir(), home());
    } catch (ConfigException e) {
      throw inConfigFile(e);
    }
  }

  /**
   * Loads the configuration and checks that this build can run it (its storage backend);
   * {@code server}: for a master to start with (see {@link #loadServerConfig}).
   */
  SiteConfig loadRunnableConfig(boolean server) throws ConfigException, IOException {
    SiteConfig config = server ? loadServerConfig() : loadConfig();
    try {
      Availability.check(config, LibDir.locate().resolve("bundles"));
    } catch (ConfigException e) {
      throw inConfigFile(e);
    }
    return config;
  }

  private ConfigException inConfigFile(ConfigException e) {
    return new ConfigException("invalid configuration in " + confDir().resolve(SiteConfigLoader.FILE_NAME)
        + ": " + e.getMessage(), e);
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = QuireCli.class.getPackage().getImplementationVersion();
      return new String[] {"Quire " + (version == null ? "(development build)" : version)};
    }
  }
}
