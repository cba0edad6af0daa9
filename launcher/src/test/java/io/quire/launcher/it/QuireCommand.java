package io.quire.launcher.it;

import io.quire.launcher.InstanceFiles;
import io.quire.launcher.ProcessExit;
import io.quire.launcher.Role;
import io.quire.launcher.config.SiteConfigLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code bin/quire} of the built distribution as an operator would, with its own
 * {@code QUIRE_HOME} and configuration folder.
 */
final class QuireCommand {

  /** What one command did. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static final long COMMAND_TIMEOUT_SECONDS = 240;

  private final Path home;

  QuireCommand(Path home) {
    this.home = home;
  }

  Path home() {
    return home;
  }

  /** Writes a configuration folder with the given lines and free ports for the client API and JMX. */
  Path configure(String name, String... lines) throws IOException {
    Path conf = Files.createDirectories(home.resolve(name));
    List<String> all = new ArrayList<>(List.of(
        "alluxio.master.web.port=" + freePort(),
        "quire.jmx.port=" + freePort(),
        "quire.secondary.jmx.port=" + freePort(),
        "quire.startup.timeout=60s"));
    all.addAll(List.of(lines));
    Files.write(conf.resolve("quire-site.properties"), all, StandardCharsets.UTF_8);
    return conf;
  }

  Result run(Path conf, String... args) throws IOException, InterruptedException {
    return runWithInput(conf, "", args);
  }

  /** Runs with {@code input} on standard input (for {@code fs -}). */
  Result runWithInput(Path conf, String input, String... args)
      throws IOException, InterruptedException {
    return spawn(conf, input, args).result();
  }

  /** A command started and not yet waited for. */
  record Running(Process process, Path out, Path err, String command) {
    /** Waits for it (a few minutes at most) and reads what it wrote. */
    Result result() throws IOException, InterruptedException {
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("bin/quire " + command + " did not finish within "
            + COMMAND_TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }

  /** Starts {@code bin/quire args} with {@code input} on standard input, without waiting. */
  Running spawn(Path conf, String input, String... args) throws IOException {
    Path in = Files.writeString(Files.createTempFile(home, "in", ".txt"), input);
    List<String> command = new ArrayList<>(List.of(System.getProperty("quire.it.bin"), "--conf", conf.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(in.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().put("QUIRE_HOME", home.toString());
    builder.environment().put("QUIRE_LIB_DIR", System.getProperty("quire.it.lib"));
    builder.environment().remove("QUIRE_CONF_DIR");
    return new Running(builder.start(), out, err, String.join(" ", args));
  }

  /**
   * Starts {@code clients} {@code fs -} batch clients without waiting: client c makes
   * {@code /<prefix>c}, then {@code mkdirs} directories in it, each acknowledged before the next.
   * Together they make {@code clients * (mkdirs + 1)} directories.
   */
  List<Running> spawnMkdirClients(Path conf, String prefix, int clients, int mkdirs)
      throws IOException {
    List<Running> running = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      String dir = "/" + prefix + c;
      StringBuilder script = new StringBuilder("mkdir " + dir + "\n");
      for (int i = 0; i < mkdirs; i++) {
        script.append("mkdir ").append(dir).append("/d").append(i).append('\n');
      }
      running.add(spawn(conf, script.toString(), "fs", "-"));
    }
    return running;
  }

  /** {@code mkdir prefix0 .. prefix<count-1>} in one {@code fs -} batch, which must succeed. */
  void mkdirs(Path conf, String prefix, int count) throws IOException, InterruptedException {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < count; i++) {
      script.append("mkdir ").append(prefix).append(i).append('\n');
    }
    Result batch = runWithInput(conf, script.toString(), "fs", "-");
    if (batch.exit() != 0) {
      throw new AssertionError("fs - with " + count + " mkdirs failed: " + batch);
    }
  }

  /** The pid of the master started with {@code conf}, from its pid file. */
  long pidOf(Path conf) throws Exception {
    return Long.parseLong(Files.readString(pidFile(conf)).strip());
  }

  Path pidFile(Path conf) throws Exception {
    return files(conf).pidFile();
  }

  Path logFile(Path conf) throws Exception {
    return files(conf).logFile();
  }

  private InstanceFiles files(Path conf) throws Exception {
    return new InstanceFiles(home, Role.MASTER, SiteConfigLoader.load(conf, home).webPort());
  }

  /**
   * After a test's stops: kills any master or secondary of this home still running and fails,
   * since a stop that leaves a process behind is a bug.
   */
  void killLeftovers() throws IOException {
    for (Path pidFile : pidFiles()) {
      Optional<ProcessHandle> left = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
      if (left.isPresent() && !ProcessExit.exited(left.get())) {
        left.get().destroyForcibly();
        throw new AssertionError("a master was still running after stop: " + pidFile);
      }
    }
  }

  /** Every pid file under this home's logs, of any master or secondary. */
  List<Path> pidFiles() throws IOException {
    Path logs = home.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(logs)) {
      return files.filter(p -> p.toString().endsWith(".pid")).toList();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
