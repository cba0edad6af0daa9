package io.quire.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the operator's guide, {@code docs/operations.md}, so that it cannot drift from the product.
 *
 * <p>Every line that starts with {@code $ } inside a {@code ```console} block is a command. They run
 * in the guide's order with bash, in a fresh Quire home (its {@code bin/} and {@code lib/} those of
 * the built distribution, its {@code conf/quire-site.properties} on free ports), and each must exit
 * 0, or the code its trailing comment gives ({@code # exits 3}). The guide's default ports
 * (19999, 19991, 19992) are replaced by the free ones, and {@code <backup-uri>} by the URI the last
 * {@code fsadmin backup} printed. A {@code bin/quire ...} named in the guide's prose must be the
 * start of a command that ran, so the prose names only commands the walkthrough runs.
 */
class GuideIT {
  private static final long COMMAND_TIMEOUT_SECONDS = 180;
  private static final Pattern EXPECTED_EXIT = Pattern.compile("\\s+#\\s*exits (\\d+)\\s*$");
  private static final Pattern INLINE_COMMAND = Pattern.compile("`(bin/quire [^`]*)`");
  private static final Pattern BACKUP_URI = Pattern.compile("(?m)^Backup URI:\\s+(\\S+)");

  @TempDir
  Path home;

  /** Applied in order: the ports first, so that no port number inside a value is replaced. */
  private final Map<String, String> substitutions = new LinkedHashMap<>();

  /** One {@code $} line of the guide. */
  private record Command(int line, String text, int expectedExit) {}

  @AfterEach
  void stopWhatTheGuideLeftRunning() throws Exception {
    bash("bin/quire stop secondary_master; bin/quire stop", home.resolve("stop.out"));
    new QuireCommand(home).killLeftovers();
  }

  @Test
  void everyCommandOfTheOperatorsGuideRunsAsShown() throws Exception {
    Path guide = Path.of(System.getProperty("quire.it.guide"));
    List<String> lines = Files.readAllLines(guide, StandardCharsets.UTF_8);
    List<Command> commands = commands(lines);
    assertTrue(commands.size() > 20, "the guide's walkthrough: " + commands);
    setUpHome();

    List<String> ran = new ArrayList<>();
    for (Command command : commands) {
      String text = substitute(command.text());
      Path output = home.resolve("guide-" + command.line() + ".out");
      int exit = bash(text, output);
      String out = Files.readString(output);
      assertEquals(command.expectedExit(), exit, () -> "operations.md line " + command.line() + ": $ " + text
          + "\nexited " + exit + ", the guide says " + command.expectedExit() + "; output:\n" + out);
      Matcher backup = BACKUP_URI.matcher(out);
      if (backup.find()) {
        substitutions.put("<backup-uri>", backup.group(1));
      }
      ran.add(command.text());
    }

    Set<String> notRun = new LinkedHashSet<>();
    for (String line : lines) {
      Matcher inline = INLINE_COMMAND.matcher(line);
      while (inline.find()) {
        String prefix = commandPrefix(inline.group(1));
        if (ran.stream().noneMatch(c -> c.startsWith(prefix))) {
          notRun.add(inline.group(1));
        }
      }
    }
    assertTrue(notRun.isEmpty(), "the guide's prose names commands its walkthrough never runs: " + notRun);
  }

  /** The {@code $} lines of the {@code console} blocks, in order. */
  private static List<Command> commands(List<String> lines) {
    List<Command> commands = new ArrayList<>();
    boolean inConsole = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        inConsole = !inConsole && line.strip().equals("```console");
        continue;
      }
      if (inConsole && line.startsWith("$ ")) {
        String text = line.substring(2);
        int exit = 0;
        Matcher expected = EXPECTED_EXIT.matcher(text);
        if (expected.find()) {
          exit = Integer.parseInt(expected.group(1));
          text = text.substring(0, expected.start());
        }
        commands.add(new Command(i + 1, text.strip(), exit));
      }
    }
    return commands;
  }

  /** The words of an inline command up to its first placeholder ({@code [..]}, {@code <..>}, {@code FILE}). */
  private static String commandPrefix(String command) {
    StringBuilder prefix = new StringBuilder();
    for (String word : command.split("\\s+")) {
      if (word.startsWith("[") || word.startsWith("<") || word.contains("|") || word.contains("...")
          || word.matches("[A-Z_]{3,}")) {
        break;
      }
      prefix.append(prefix.length() == 0 ? "" : " ").append(word);
    }
    return prefix.toString();
  }

  private String substitute(String command) {
    String text = command;
    for (Map.Entry<String, String> s : substitutions.entrySet()) {
      text = text.replace(s.getKey(), s.getValue());
    }
    return text;
  }

  /** A Quire home as the guide assumes one: bin/, lib/ and conf/ of a distribution. */
  private void setUpHome() throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.createSymbolicLink(home.resolve("bin/quire"), Path.of(System.getProperty("quire.it.bin")));
    Files.createSymbolicLink(home.resolve("lib"), Path.of(System.getProperty("quire.it.lib")));
    int web = freePort();
    int jmx = freePort();
    int secondary = freePort();
    substitutions.put("19999", Integer.toString(web));
    substitutions.put("19991", Integer.toString(jmx));
    substitutions.put("19992", Integer.toString(secondary));
    Files.createDirectories(home.resolve("conf"));
    Files.write(home.resolve("conf/quire-site.properties"), List.of(
        "alluxio.master.web.port=" + web,
        "quire.jmx.port=" + jmx,
        "quire.secondary.jmx.port=" + secondary,
        "quire.startup.timeout=60s"), StandardCharsets.UTF_8);
  }

  private int bash(String command, Path output) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("QUIRE_HOME", home.toString());
    builder.environment().put("QUIRE_LIB_DIR", System.getProperty("quire.it.lib"));
    builder.environment().remove("QUIRE_CONF_DIR");
    builder.environment().remove("QUIRE_JMX_PASSWORD");
    Process process = builder.start();
    if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("$ " + command + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
    }
    return process.exitValue();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
