package io.quire.harness;

import io.quire.launcher.ProcessExit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real master process, run the way an operator runs one: {@code bin/quire start} (which returns
 * once the master serves and prints its pid), {@code bin/quire stop}, and {@code kill -9} of that
 * pid. Each master gets its own {@code QUIRE_HOME}, so logs and pid files of parallel runs never
 * mix.
 */
public final class MasterProcess implements AutoCloseable {

  private static final Pattern SERVING_PID = Pattern.compile("\\(pid (\\d+)\\)");

  private final QuireHome home;
  private final Path conf;
  private ProcessHandle server;

  public MasterProcess(QuireHome home, Path conf) {
    this.home = home.withInstanceHome(conf.getParent());
    this.conf = conf;
  }

  /** Runs {@code bin/quire format}; returns its output, throws if it failed. */
  public String format() throws IOException, InterruptedException {
    return run(Duration.ofMinutes(1), "format").requireSuccess();
  }

  /** {@code bin/quire start master}: returns once the master serves, or throws with the reason. */
  public void start(Duration timeout) throws IOException, InterruptedException {
    serving(run(timeout, "start", "master"));
  }

  /**
   * {@code bin/quire start -i BACKUP_URI master}: restores the backup into the (empty) journal,
   * returns once the master serves, or throws with the reason.
   */
  public void startRestoring(String backupUri, Duration timeout)
      throws IOException, InterruptedException {
    serving(run(timeout, "start", "-i", backupUri, "master"));
  }

  private void serving(Commands.Result started) throws IOException {
    String output = started.requireSuccess();
    Matcher pid = SERVING_PID.matcher(output);
    if (!pid.find()) {
      throw new IOException("bin/quire start printed no pid: " + output.strip());
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid.group(1)));
    if (handle.isEmpty()) {
      throw new IOException("the master said it serves as pid " + pid.group(1)
          + " but no such process exists");
    }
    server = handle.get();
  }

  /**
   * SIGKILL the server process: no shutdown hook runs, nothing is flushed. Waits until it has
   * exited ({@link ProcessExit}: not until init has reaped it).
   */
  public void kill() throws InterruptedException {
    if (server != null && !ProcessExit.exited(server)) {
      server.destroyForcibly();
      if (!ProcessExit.await(server, Duration.ofSeconds(60))) {
        throw new IllegalStateException("pid " + server.pid() + " survived SIGKILL");
      }
    }
  }

  /** {@code bin/quire stop}: graceful; returns its exit code. */
  public int stop() throws IOException, InterruptedException {
    Commands.Result stopped = run(Duration.ofMinutes(2), "stop");
    return stopped.exitCode();
  }

  public boolean alive() {
    return server != null && !ProcessExit.exited(server);
  }

  public long pid() {
    return server == null ? -1 : server.pid();
  }

  public Path conf() {
    return conf;
  }

  /** {@code bin/quire --conf CONF ARGS...} for this master, with its {@code QUIRE_HOME}. */
  public ProcessBuilder command(String... args) {
    return home.processBuilder(home.quire(conf, args));
  }

  public Commands.Result run(Duration timeout, String... args)
      throws IOException, InterruptedException {
    return Commands.run(command(args), timeout);
  }

  /** {@code host:port} of the client API, from the configuration. */
  public String clientAddress() throws IOException {
    return setting("alluxio.master.hostname", "localhost") + ":" + webPort();
  }

  /** The JMX connector's address, as JConsole takes it, from the configuration. */
  public String jmxServiceUrl() throws IOException {
    return "service:jmx:rmi:///jndi/rmi://" + setting("quire.jmx.host", "127.0.0.1") + ":"
        + setting("quire.jmx.port", "19991") + "/jmxrmi";
  }

  /** The server's log, named by the launcher after the role and the client API's port. */
  public Path logFile() throws IOException {
    return conf.getParent().resolve("logs").resolve("quire-master-" + webPort() + ".log");
  }

  /** The lines of the server's log that contain {@code text} (the log spans restarts). */
  public List<String> logLines(String text) throws IOException {
    try (Stream<String> lines = Files.lines(logFile())) {
      return lines.filter(line -> line.contains(text)).toList();
    }
  }

  /** The last line of the server's log that contains {@code text} (the log spans restarts). */
  public String lastLogLine(String text) throws IOException {
    String found = null;
    for (String line : Files.readAllLines(logFile())) {
      if (line.contains(text)) {
        found = line;
      }
    }
    return found;
  }

  private String webPort() throws IOException {
    return setting("alluxio.master.web.port", "19999");
  }

  private String setting(String key, String defaultValue) throws IOException {
    java.util.Properties properties = new java.util.Properties();
    try (java.io.Reader reader = Files.newBufferedReader(conf.resolve("quire-site.properties"))) {
      properties.load(reader);
    }
    return properties.getProperty(key, defaultValue);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
