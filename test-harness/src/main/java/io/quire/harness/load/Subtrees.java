package io.quire.harness.load;

import io.quire.harness.Commands;
import io.quire.harness.MasterProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.TreeSet;

/** Reads a client's subtree back from a running master, in {@link ClientWorkload}'s terms. */
public final class Subtrees {

  private Subtrees() {}

  /** {@code fs ls -R root} as entries {@code "d path"} / {@code "f path"}, root included. */
  public static TreeSet<String> listing(MasterProcess master, String root)
      throws IOException, InterruptedException {
    TreeSet<String> entries = new TreeSet<>();
    Commands.Result stat = master.run(Duration.ofSeconds(30), "fs", "stat", root);
    if (stat.exitCode() != 0) {
      return entries; // the subtree's first mkdir was not acknowledged before the kill
    }
    entries.add("d " + root);
    String ls = master.run(Duration.ofSeconds(60), "fs", "ls", "-R", root).requireSuccess();
    for (String line : ls.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 2) {
        entries.add((fields[0].startsWith("d") ? "d " : "f ") + fields[fields.length - 1]);
      }
    }
    return entries;
  }

  /**
   * What {@code actual} lacks and what it has beyond {@code expected}: "missing 2 (e.g. f /c1/n3),
   * unexpected none".
   */
  public static String difference(TreeSet<String> expected, TreeSet<String> actual) {
    TreeSet<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    TreeSet<String> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    return "missing " + some(missing) + ", unexpected " + some(extra);
  }

  private static String some(TreeSet<String> entries) {
    return entries.isEmpty() ? "none" : entries.size() + " (e.g. " + entries.first() + ")";
  }
}
