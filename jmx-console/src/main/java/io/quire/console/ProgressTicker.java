package io.quire.console;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints progress lines on stderr while a long operation runs on the master: every interval
 * it asks {@code poll} for a line and prints it if there is one. Nothing is printed by an
 * operation that ends within the first interval, and nothing after {@link #close()}, so the
 * result is always the last thing the command prints. Progress goes to stderr, so the
 * {@code --json} output on stdout stays one object.
 */
final class ProgressTicker implements AutoCloseable {

  /** Reads the operation's progress; empty when there is nothing to say yet. */
  @FunctionalInterface
  interface Poll {
    Optional<String> line() throws CommandFailure;
  }

  private final ScheduledExecutorService timer;

  private ProgressTicker(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static ProgressTicker start(Duration every, Poll poll, PrintWriter err) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "fsadmin-progress");
      thread.setDaemon(true);
      return thread;
    });
    long millis = Math.max(1, every.toMillis());
    timer.scheduleWithFixedDelay(() -> {
      try {
        poll.line().ifPresent(line -> {
          err.println(line);
          err.flush();
        });
      } catch (CommandFailure | RuntimeException e) {
        // progress is a courtesy: the operation itself reports whether it worked
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
    return new ProgressTicker(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
