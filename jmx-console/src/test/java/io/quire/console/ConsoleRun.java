package io.quire.console;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs fsadmin in the test JVM, as {@code bin/quire} does, and keeps what it printed and its exit code. */
final class ConsoleRun {
  private ConsoleRun() {}

  /** What one command did. */
  record Result(int exit, String out, String err) {
    /** The human output as label to value. */
    Map<String, String> lines() {
      Map<String, String> lines = new LinkedHashMap<>();
      for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
        int colon = line.indexOf(": ");
        lines.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
      return lines;
    }

    /** The lines of stderr. */
    List<String> errLines() {
      return err.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result fsadmin(Map<String, String> environment, String... args) {
    return run(new CommandLine(new FsAdmin(environment::get)), args);
  }

  static Result run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
