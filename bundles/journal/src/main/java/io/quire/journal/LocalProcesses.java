package io.quire.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process of this host has exited. {@link ProcessHandle#isAlive} is true for an exited
 * process until its parent reaps it, and the parent of a detached master is init, which some
 * container inits reap only every few seconds (or never). A zombie holds no file and writes
 * nothing: the holder lease treats it as gone, and so do the commands that wait for a master to
 * stop.
 */
public final class LocalProcesses {

  private LocalProcesses() {}

  /** Gone, or a zombie waiting to be reaped. */
  public static boolean exited(long pid) {
    return ProcessHandle.of(pid).isEmpty() || isZombie(pid);
  }

  /** Whether {@code pid} has exited and waits to be reaped; false where /proc does not say. */
  public static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
