package io.quire.harness.swap;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A figure the journal logs once per swap about how long it held writes (its own measure, beside
 * the clients' stall).
 *
 * @param name for the report, e.g. {@code "the journal's own 'storage is back after N ms'"}
 * @param line matches the log line: group {@code millis} is the figure, group {@code text} what
 *     the report quotes of the line
 */
record HeldFigure(String name, Pattern line) {

  /** The figure of {@code logLine}, if it is such a line. */
  OptionalLong millis(String logLine) {
    Matcher matcher = line.matcher(logLine);
    return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group("millis")))
        : OptionalLong.empty();
  }

  /** What the report quotes of {@code logLine}; null if it is no such line. */
  String quote(String logLine) {
    Matcher matcher = line.matcher(logLine);
    return matcher.find() ? matcher.group("text") : null;
  }
}
