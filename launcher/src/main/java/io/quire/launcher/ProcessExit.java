package io.quire.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process that is not our child has exited. {@link ProcessHandle#isAlive} is true for
 * an exited process until its parent reaps it, and the parent of a detached server is init, which
 * some container inits reap only every few seconds.
 */
public final class ProcessExit {

  private ProcessExit() {}

  /** Gone, or exited and waiting to be reaped. */
  public static boolean exited(ProcessHandle process) {
    return !process.isAlive() || isZombie(process.pid());
  }

  /** Whether {@code pid} has exited and waits to be reaped; false where /proc does not say. */
  static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
