package io.quire.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a process that is not our child has exited. {@link ProcessHandle#isAlive} is true for
 * an exited process until its parent reaps it, and the parent of a detached server is init, which
 * some container inits reap only every few seconds.
 */
public final class ProcessExit {
  private static final long POLL_MILLIS = 10;

  private ProcessExit() {}

  /** Gone, or exited and waiting to be reaped. */
  public static boolean exited(ProcessHandle process) {
    return !process.isAlive() || isZombie(process.pid());
  }

  /**
   * Polls every {@value #POLL_MILLIS} ms until {@code process} has {@link #exited}. (The JDK's
   * {@code onExit} for a process that is not our child first looks after 300 ms, backs off from
   * there, and waits until the process is reaped.)
   *
   * @return false when {@code timeout} passed first
   */
  public static boolean await(ProcessHandle process, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!exited(process)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return true;
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
