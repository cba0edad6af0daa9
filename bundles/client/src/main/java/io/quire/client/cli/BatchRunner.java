package io.quire.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Runs {@code fs -}: each line of input is one {@code fs} command (an {@code fs} word in front is
 * allowed; blank lines and lines starting with {@code #} are skipped), run to completion before
 * the next. Prints {@code ok <line>} once the master acknowledged it, followed by its output
 * indented by two spaces (for {@code ls}, {@code stat}), or {@code err <line>: <reason>}; flushes
 * after each, so a reader learns of every acknowledgement at once.
 */
final class BatchRunner {
  private final Supplier<FsBackend> backend;
  private final PrintWriter out;

  BatchRunner(Supplier<FsBackend> backend, PrintWriter out) {
    this.backend = backend;
    this.out = out;
  }

  /** @return how many commands failed */
  int runAll(BufferedReader lines) throws IOException {
    int failed = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      String command = line.strip();
      if (command.isEmpty() || command.startsWith("#")) {
        continue;
      }
      if (!runLine(command)) {
        failed++;
      }
      out.flush();
    }
    return failed;
  }

  /** @return whether the command succeeded */
  boolean runLine(String line) {
    List<String> words;
    try {
      words = LineTokenizer.split(line);
    } catch (IllegalArgumentException e) {
      out.println("err " + line + ": " + e.getMessage());
      return false;
    }
    if (!words.isEmpty() && words.get(0).equals("fs")) {
      words = words.subList(1, words.size());
    }
    StringWriter output = new StringWriter();
    StringWriter errors = new StringWriter();
    CommandLine cl = new CommandLine(new FsCommand(ignored -> backend.get(), (InputStream) null));
    cl.setOut(new PrintWriter(output)).setErr(new PrintWriter(errors));
    cl.setParameterExceptionHandler((e, args) -> {
      cl.getErr().println("fs: " + e.getMessage());
      return 2;
    });
    int rc = words.isEmpty() ? 2 : cl.execute(words.toArray(new String[0]));
    if (rc != 0) {
      out.println("err " + line + ": " + reason(words.isEmpty(), errors.toString()));
      return false;
    }
    out.println("ok " + line);
    output.toString().lines().forEach(l -> out.println("  " + l));
    return true;
  }

  private static String reason(boolean empty, String errors) {
    String first = errors.lines().findFirst().orElse(empty ? "no command" : "failed");
    return first.startsWith("fs: ") ? first.substring(4) : first;
  }
}
