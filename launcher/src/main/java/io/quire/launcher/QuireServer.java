package io.quire.launcher;

import io.quire.launcher.config.ConfigException;
import io.quire.launcher.config.SiteConfig;
import io.quire.launcher.config.SiteConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The master process: {@code QuireServer --conf DIR --home DIR --role master|secondary_master
 * [--restore URI]}. {@code bin/quire start} runs it in the background.
 *
 * <p>Exit codes: 0 after a graceful stop, 1 when the master failed or did not start, 2 when the
 * command line or the configuration is wrong (then nothing was started).
 */
public final class QuireServer {

  public static final int EXIT_FAILED = 1;
  public static final int EXIT_BAD_CONFIGURATION = 2;

  private QuireServer() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a master until it stops; returns the process exit code. */
  public static int run(String[] args) {
    ServerArgs parsed = new ServerArgs();
    try {
      new CommandLine(parsed).parseArgs(args);
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      System.err.println("quire: " + e.getMessage());
      return EXIT_BAD_CONFIGURATION;
    }
    Path home = parsed.home.toAbsolutePath().normalize();
    SiteConfig config;
    Path bundles = LibDir.locate().resolve("bundles");
    try {
      config = SiteConfigLoader.load(parsed.conf.toAbsolutePath().normalize(), home);
      Availability.check(config, bundles);
    } catch (ConfigException e) {
      System.err.println("quire: invalid configuration in "
          + parsed.conf.resolve(SiteConfigLoader.FILE_NAME) + ": " + e.getMessage());
      return EXIT_BAD_CONFIGURATION;
    } catch (IOException e) {
      System.err.println("quire: " + e.getMessage());
      return EXIT_BAD_CONFIGURATION;
    }
    if (parsed.role == Role.SECONDARY_MASTER) {
      config = config.asSecondary();
    }
    InstanceFiles files = new InstanceFiles(home, parsed.role, config.webPort());
    return new ServerProcess(config, files, parsed.restoreUri(), bundles).run();
  }
}
