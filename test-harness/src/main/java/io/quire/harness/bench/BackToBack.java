package io.quire.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One operation (a checkpoint, a backup) run back to back on a thread of its own while writers
 * are measured, as the checkpointer would run checkpoints with a period shorter than one
 * checkpoint's duration: each one of the namespace as it is when the previous one ends.
 */
final class BackToBack {

  /** One run's duration and the size of what it wrote. */
  record Run(long millis, long bytes) {}

  /** Runs the operation once, to its end. */
  @FunctionalInterface
  interface Step {
    Run run() throws Exception;
  }

  private final Step step;
  private final List<Run> runs = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stopping;
  private volatile Exception failure;
  private Thread thread;

  BackToBack(Step step) {
    this.step = step;
  }

  void start() {
    thread = new Thread(this::loop, "back-to-back");
    thread.start();
  }

  private void loop() {
    try {
      while (!stopping) {
        runs.add(step.run());
      }
    } catch (InterruptedException e) {
      failure = e;
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
    }
  }

  /** Lets the run in progress finish, then stops; throws if one failed. */
  void stop() throws Exception {
    stopping = true;
    thread.join();
    if (failure != null) {
      throw new IOException("a run failed: " + failure, failure);
    }
  }

  /** E.g. "7 written, 640-910 ms each (median 700), 31 MB each". */
  String summary() {
    List<Long> millis = new ArrayList<>();
    long bytes = 0;
    synchronized (runs) {
      for (Run run : runs) {
        millis.add(run.millis());
        bytes = run.bytes();
      }
    }
    Collections.sort(millis);
    if (millis.isEmpty()) {
      return "none written";
    }
    return String.format(Locale.ROOT, "%d written, %d-%d ms each (median %d), %.1f MB each",
        millis.size(), millis.get(0), millis.get(millis.size() - 1),
        millis.get(millis.size() / 2), bytes / 1e6);
  }
}
