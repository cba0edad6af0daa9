package io.quire.harness.swap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A process's threads and open file descriptors, from {@code /proc}: taken before the first swap
 * and after the last, so that a report shows whether each swap leaves something behind (an old
 * storage's client, its threads and connections).
 *
 * @param threads the process's threads; -1 if unknown (no {@code /proc})
 * @param openFiles its open file descriptors (files, sockets); -1 if unknown
 */
record Footprint(int threads, int openFiles) {

  static Footprint of(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    int threads = -1;
    int openFiles = -1;
    try {
      for (String line : Files.readAllLines(proc.resolve("status"))) {
        if (line.startsWith("Threads:")) {
          threads = Integer.parseInt(line.substring("Threads:".length()).trim());
        }
      }
      try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
        openFiles = (int) fds.count();
      }
    } catch (IOException | NumberFormatException unknown) {
      // not Linux, or the process is gone: the report says unknown
    }
    return new Footprint(threads, openFiles);
  }

  @Override
  public String toString() {
    return (threads < 0 ? "?" : threads) + " threads, " + (openFiles < 0 ? "?" : openFiles)
        + " open file descriptors";
  }
}
