package io.quire.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine a benchmark ran on, read from /proc, so figures are never quoted without it. */
final class MachineInfo {

  private MachineInfo() {}

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
