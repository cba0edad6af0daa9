package io.quire.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the harness finds {@code bin/quire} and how it gives each master its own configuration
 * folder, journal folder and ports.
 */
public final class QuireHome {
  private static final String FOLDER_KEY = "alluxio.master.journal.folder";

  private final Path home;
  private final Path instanceHome;

  /**
   * @param home the installation (or source tree) with {@code bin/quire}
   */
  public QuireHome(Path home) {
    this(home, null);
  }

  private QuireHome(Path home, Path instanceHome) {
    if (!Files.isExecutable(home.resolve("bin/quire"))) {
      throw new IllegalArgumentException("no executable bin/quire under " + home
          + "; pass --home or set QUIRE_HOME");
    }
    this.home = home.toAbsolutePath().normalize();
    this.instanceHome = instanceHome;
  }

  /** The same installation with {@code QUIRE_HOME} (logs, pid files) set to {@code dir}. */
  public QuireHome withInstanceHome(Path dir) {
    return new QuireHome(home, dir.toAbsolutePath().normalize());
  }

  public Path home() {
    return home;
  }

  /** A process builder for {@code command} with this instance's {@code QUIRE_HOME}. */
  public ProcessBuilder processBuilder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (instanceHome != null) {
      builder.environment().put("QUIRE_HOME", instanceHome.toString());
    }
    return builder;
  }

  /** {@code bin/quire --conf CONF ARGS...} as a command line. */
  public List<String> quire(Path conf, String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/quire").toString());
    command.add("--conf");
    command.add(conf.toString());
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Writes a configuration folder for one master: journal under {@code work}, free ports.
   *
   * @return the folder
   */
  public static Path writeConf(Path work, String extraProperties) throws IOException {
    return writeConf(work, work.resolve("journal").toString(), extraProperties);
  }

  /**
   * Writes a configuration folder for one master whose journal is {@code journalFolder} (a path
   * or a URI such as {@code hdfs://...}): free ports, logs and pid files under {@code work}.
   *
   * @return the folder
   */
  public static Path writeConf(Path work, String journalFolder, String extraProperties)
      throws IOException {
    Path conf = work.resolve("conf");
    Files.createDirectories(conf);
    String properties = FOLDER_KEY + "=" + journalFolder + "\n"
        + "alluxio.master.web.port=" + freePort() + "\n"
        + "quire.jmx.port=" + freePort() + "\n"
        + extraProperties;
    Files.writeString(conf.resolve("quire-site.properties"), properties);
    return conf;
  }

  /**
   * Points the site file in {@code conf} at another journal folder, as an operator does after
   * moving the journal: the {@code alluxio.master.journal.folder} line is replaced, the rest
   * (ports, storage settings) stays.
   */
  public static void setJournalFolder(Path conf, String journalFolder) throws IOException {
    Path site = conf.resolve("quire-site.properties");
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(site)) {
      if (!line.startsWith(FOLDER_KEY + "=")) {
        lines.add(line);
      }
    }
    lines.add(0, FOLDER_KEY + "=" + journalFolder);
    Path temporary = site.resolveSibling(site.getFileName() + ".tmp");
    Files.write(temporary, lines);
    Files.move(temporary, site, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
