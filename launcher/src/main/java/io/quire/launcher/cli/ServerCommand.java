package io.quire.launcher.cli;

import io.quire.launcher.ClassDataArchive;
import io.quire.launcher.InstanceFiles;
import io.quire.launcher.LibDir;
import io.quire.launcher.QuireServer;
import io.quire.launcher.config.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a server process: the same Java and class path as this CLI, the server's
 * logback configuration and log file, then {@code QuireServer --conf --home --role [--restore]}.
 * Extra JVM options come from {@code QUIRE_SERVER_JAVA_OPTS}; {@link ClassDataArchive} adds the
 * class-data sharing archive's.
 */
final class ServerCommand {

  static final String JAVA_OPTS_ENV = "QUIRE_SERVER_JAVA_OPTS";
  static final String LOG_FILE_PROPERTY = "quire.log.file";
  static final String CONSOLE_LEVEL_PROPERTY = "quire.console.level";
  /** Used when neither the configuration folder nor {@code quire.home/conf} has a logback.xml. */
  static final String DEFAULT_LOGBACK = "io/quire/launcher/logback-server.xml";

  /**
   * A starting master replays its journal into a fresh heap, and keeps most of what it
   * allocates (about 100 of 240 bytes per entry). G1's default initial heap (1/64 of memory)
   * keeps the young generation small enough that a 1M-entry replay pauses for several young
   * collections: with 1 GiB from the start replay ran at 1.10-1.30M entries/s instead of
   * 0.79-0.82M (ReplayBench, first round, 2 cores). G1 still starts the young generation at 5% of
   * the heap and grows it only as collections show it can, too late for a replay of a second or
   * two: 6 young pauses of 18-46 ms copied the growing namespace during one. A young generation
   * of at least 384 MiB ({@code NewSize} is its floor; G1 still sizes it above that) took a
   * master's replay of 1M entries from 1,449-2,056 ms to 1,206-1,460 ms (alternating starts,
   * docs/benchmarks.md). Both are left out when {@code QUIRE_SERVER_JAVA_OPTS} sizes the heap or
   * its young generation itself.
   */
  static final List<String> DEFAULT_JAVA_OPTS = List.of("-Xms1g", "-XX:NewSize=384m");

  private ServerCommand() {}

  /** The server JVM's options: the defaults, then {@code opts} (the operator's, may be null). */
  static List<String> javaOptions(String opts) {
    List<String> given = opts == null || opts.isBlank() ? List.of()
        : Arrays.asList(opts.trim().split("\\s+"));
    List<String> options = new ArrayList<>();
    // an operator who sizes the heap decides alone (-Xmx512m with our -Xms1g would not start)
    if (given.stream().noneMatch(o -> o.startsWith("-Xms") || o.startsWith("-Xmx")
        || o.startsWith("-Xmn") || o.contains("HeapSize") || o.contains("RAMPercentage")
        || o.contains("NewSize"))) {
      options.addAll(DEFAULT_JAVA_OPTS);
    }
    options.addAll(given);
    return options;
  }

  static List<String> build(SiteConfig config, InstanceFiles files, Optional<String> restoreUri, boolean foreground)
      throws IOException {
    List<String> command = new ArrayList<>();
    String java = javaExecutable();
    String classPath = System.getProperty("java.class.path");
    List<String> options = javaOptions(System.getenv(JAVA_OPTS_ENV));
    command.add(java);
    command.addAll(options);
    command.addAll(ClassDataArchive.serverOptions(config.home(), java, classPath, options));
    command.add("-D" + QuireCli.HOME_PROPERTY + "=" + config.home());
    command.add("-D" + LibDir.PROPERTY + "=" + LibDir.locate());
    command.add("-D" + LOG_FILE_PROPERTY + "=" + files.logFile());
    command.add("-D" + CONSOLE_LEVEL_PROPERTY + "=" + (foreground ? "INFO" : "OFF"));
    command.add("-Dlogback.configurationFile=" + logbackConfiguration(config));
    command.add("-cp");
    command.add(classPath);
    command.add(QuireServer.class.getName());
    command.addAll(List.of("--conf", config.confDir().toString(), "--home", config.home().toString(),
        "--role", files.role().commandName()));
    restoreUri.ifPresent(uri -> command.addAll(List.of("--restore", uri)));
    return command;
  }

  private static String logbackConfiguration(SiteConfig config) {
    for (Path candidate : List.of(config.confDir().resolve("logback.xml"),
        config.home().resolve("conf").resolve("logback.xml"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toString();
      }
    }
    return DEFAULT_LOGBACK;
  }

  private static String javaExecutable() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
