package io.quire.launcher.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    Process process = builder.start();
    if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bin/quire " + String.join(" ", args) + " did not finish within "
          + COMMAND_TIMEOUT_SECONDS + " s");
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
