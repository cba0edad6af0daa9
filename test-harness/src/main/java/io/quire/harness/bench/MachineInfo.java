package io.quire.harness.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine a benchmark ran on, read from /proc, so figures are never quoted without it. */
final class MachineInfo {

  /** Heap a namespace needs per inode while it is built and written out, with headroom. */
  private static final long HEAP_BYTES_PER_INODE = 600;

  private MachineInfo() {}

  /**
   * Whether this JVM's heap holds a namespace of {@code inodes}; if not, says so on {@code out}
   * with the option that would give it enough.
   */
  static boolean heapHolds(long inodes, String command, PrintStream out) {
    long needed = inodes * HEAP_BYTES_PER_INODE;
    if (Runtime.getRuntime().maxMemory() >= needed) {
      return true;
    }
    out.printf(Locale.ROOT, "%s: %,d inodes need a heap of about %.1f GiB, this JVM has %.1f "
        + "GiB; run with QUIRE_HARNESS_OPTS=-Xmx%dg%n", command, inodes,
        needed / (double) (1L << 30), Runtime.getRuntime().maxMemory() / (double) (1L << 30),
        (needed >> 30) + 2);
    return false;
  }

  static String describe(Path benchDir) {
    return String.format(Locale.ROOT, "%d cores (%s), %s memory, Linux %s, Java %s, bench folder %s on %s",
        Runtime.getRuntime().availableProcessors(), cpuModel(), memory(),
        read("/proc/sys/kernel/osrelease").strip(), Runtime.version(), benchDir,
        fileSystemOf(benchDir));
  }

  private static String cpuModel() {
    for (String line : lines("/proc/cpuinfo")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).strip();
      }
    }
    return "unknown CPU";
  }

  private static String memory() {
    for (String line : lines("/proc/meminfo")) {
      if (line.startsWith("MemTotal:")) {
        long kb = Long.parseLong(line.replaceAll("\\D", ""));
        return String.format(Locale.ROOT, "%.0f GiB", kb / 1024.0 / 1024.0);
      }
    }
    return "unknown";
  }

  private static String fileSystemOf(Path dir) {
    String best = "";
    String type = "unknown";
    String device = "";
    String path = dir.toAbsolutePath().toString();
    for (String line : lines("/proc/mounts")) {
      String[] fields = line.split(" ");
      if (fields.length > 2 && path.startsWith(fields[1]) && fields[1].length() > best.length()) {
        best = fields[1];
        type = fields[2];
        device = fields[0];
      }
    }
    return type + " (" + device + ")";
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String read(String file) {
    return String.join("\n", lines(file));
  }
}
