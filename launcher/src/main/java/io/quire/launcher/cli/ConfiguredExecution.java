package io.quire.launcher.cli;

import io.quire.launcher.config.ConfigException;
import io.quire.launcher.config.SiteConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Runs the chosen command; before {@code fs} and {@code fsadmin} it loads the site configuration
 * and publishes it as system properties (every key under its own name, plus {@code quire.home}
 * and {@code quire.conf.dir}), the way the commands of the other modules learn where the master
 * listens without depending on the launcher.
 */
final class ConfiguredExecution implements IExecutionStrategy {

  static final Set<String> NEED_CONFIGURATION = Set.of("fs", "fsadmin");

  private final QuireCli cli;

  ConfiguredExecution(QuireCli cli) {
    this.cli = cli;
  }

  @Override
  public int execute(ParseResult parseResult) {
    List<CommandLine> chain = parseResult.asCommandLineList();
    if (chain.size() > 1 && NEED_CONFIGURATION.contains(chain.get(1).getCommandName())
        && !helpRequested(parseResult)) {
      try {
        publish(cli.loadConfig());
      } catch (ConfigException e) {
        throw new CommandLine.ExecutionException(chain.get(1), e.getMessage(), e);
      }
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  private static boolean helpRequested(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  private static void publish(SiteConfig config) {
    for (Map.Entry<String, Object> entry : config.values().entrySet()) {
      System.setProperty(entry.getKey(), String.valueOf(entry.getValue()));
    }
    System.setProperty(QuireCli.HOME_PROPERTY, config.home().toString());
    System.setProperty(QuireCli.CONF_DIR_PROPERTY, config.confDir().toString());
  }
}
