package io.quire.harness.load;

import io.quire.harness.Commands;
import io.quire.harness.MasterProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * {@link #listing} of every root, read through one {@code fs -} process ({@code ls -R} of each
   * root in turn), which saves a JVM start per command over separate {@code fs} commands. A root
   * that does not exist ({@code NOT_FOUND}) has no entries.
   */
  public static Map<String, TreeSet<String>> listings(MasterProcess master, List<String> roots)
      throws IOException, InterruptedException {
    StringBuilder script = new StringBuilder();
    roots.forEach(root -> script.append("ls -R ").append(root).append('\n'));
    Path input = Files.createTempFile("quire-harness-ls", ".txt");
    Commands.Result batch;
    try {
      Files.writeString(input, script);
      batch = Commands.run(master.command("fs", "-").redirectInput(input.toFile()),
          Duration.ofMinutes(2));
    } finally {
      Files.delete(input);
    }
    Map<String, TreeSet<String>> listings = new LinkedHashMap<>();
    TreeSet<String> current = null;
    for (String line : batch.stdout().split("\n")) {
      if (line.startsWith("ok ls -R ")) {
        String root = line.substring("ok ls -R ".length());
        current = new TreeSet<>();
        current.add("d " + root);
        listings.put(root, current);
      } else if (line.startsWith("err ls -R ") && line.contains("NOT_FOUND")) {
        current = null;
        listings.put(line.substring("err ls -R ".length(), line.indexOf(':')), new TreeSet<>());
      } else if (line.startsWith("  ") && current != null) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length >= 2) {
          current.add((fields[0].startsWith("d") ? "d " : "f ") + fields[fields.length - 1]);
        }
      }
    }
    if (!listings.keySet().containsAll(roots)) {
      throw new IOException("fs - did not list every one of " + roots + ": " + batch.oneLine());
    }
    return listings;
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
