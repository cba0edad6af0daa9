package io.quire.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real master process started with {@code bin/quire start --foreground}, so the harness holds
 * its process handle and can kill it with SIGKILL at a moment of its choosing.
 */
public final class MasterProcess implements AutoCloseable {

  private final QuireHome home;
  private final Path conf;
  private final Path log;
  private Process process;

  public MasterProcess(QuireHome home, Path conf) {
    this.home = home;
    this.conf = conf;
    this.log = conf.resolveSibling("master-output.log");
  }

  /** Runs {@code bin/quire format}; returns its output, throws if it failed. */
  public String format() throws IOException, InterruptedException {
    return Commands.run(home.quire(conf, "format"), Duration.ofMinutes(1)).requireSuccess();
  }

  /** Starts the master and waits until it answers {@code fs ls /}. */
  public void start(Duration timeout) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(home.quire(conf, "start", "--foreground", "master"));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = builder.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("master exited with " + process.exitValue() + " while starting; "
            + "see " + log + ": " + tail());
      }
      Commands.Result ls = Commands.run(home.quire(conf, "fs", "ls", "/"), Duration.ofSeconds(30));
      if (ls.exitCode() == 0) {
        return;
      }
      process.waitFor(200, TimeUnit.MILLISECONDS);
    }
    throw new IOException("master did not serve within " + timeout + "; see " + log);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** Graceful stop (SIGTERM) and wait. */
  public int stop() throws InterruptedException {
    if (process == null) {
      return 0;
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    return process.exitValue();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path conf() {
    return conf;
  }

  /** {@code host:port} of the client API, from the configuration. */
  public String clientAddress() throws IOException {
    java.util.Properties properties = new java.util.Properties();
    try (java.io.Reader reader = Files.newBufferedReader(conf.resolve("quire-site.properties"))) {
      properties.load(reader);
    }
    return properties.getProperty("alluxio.master.hostname", "localhost") + ":"
        + properties.getProperty("alluxio.master.web.port", "19999");
  }

  public QuireHome home() {
    return home;
  }

  public List<String> quire(String... args) {
    return home.quire(conf, args);
  }

  private String tail() throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
