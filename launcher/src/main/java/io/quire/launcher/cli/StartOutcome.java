package io.quire.launcher.cli;

import io.quire.launcher.StatusFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a background start ended, as {@code bin/quire start} reports it.
 *
 * @param serving whether the master serves
 * @param detail where it serves, or one line saying why it did not
 */
record StartOutcome(boolean serving, String detail) {

  /** A status file read costs microseconds; every poll interval is added to a start's time. */
  private static final long POLL_MILLIS = 25;

  /**
   * Waits until the status file says SERVING or FAILED, the process exits, or the deadline passes.
   * The wait on the process's exit doubles as the poll interval.
   */
  static StartOutcome await(Process server, StatusFile status, Path logFile, Duration limit)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<StatusFile.Status> written = status.read();
      if (written.isPresent()) {
        return fromStatus(written.get(), server);
      }
      if (!server.isAlive()) {
        return new StartOutcome(false, "the master exited with code " + server.exitValue()
            + " before serving: " + lastLine(logFile) + " (see " + logFile + ")");
      }
      try {
        server.onExit().get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException stillRunning) {
        // poll again
      }
    }
    return new StartOutcome(false, "the master (pid " + server.pid() + ") neither served nor failed within "
        + limit.toSeconds() + " s; it is still running; see " + logFile);
  }

  private static StartOutcome fromStatus(StatusFile.Status status, Process server) throws InterruptedException {
    if (status.state() == StatusFile.State.SERVING) {
      return new StartOutcome(true, status.detail());
    }
    // The server stops itself after FAILED; wait briefly so that the pid file is gone when we return.
    server.waitFor(60, TimeUnit.SECONDS);
    return new StartOutcome(false, status.detail());
  }

  /** The last line the server wrote (its one-line reason, when it exits on an error). */
  static String lastLine(Path logFile) throws IOException {
    if (!Files.exists(logFile)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return "(empty log)";
  }
}
