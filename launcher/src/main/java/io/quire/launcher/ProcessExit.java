package io.quire.launcher;

import io.quire.journal.LocalProcesses;
import java.time.Duration;

/**
 * Whether a process that is not our child has exited, counting a zombie as exited (see
 * {@link LocalProcesses}), and waiting for that.
 */
public final class ProcessExit {
  private static final long POLL_MILLIS = 10;

  private ProcessExit() {}

  /** Gone, or exited and waiting to be reaped. */
  public static boolean exited(ProcessHandle process) {
    return !process.isAlive() || LocalProcesses.isZombie(process.pid());
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
}
