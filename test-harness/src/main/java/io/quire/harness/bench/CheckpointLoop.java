package io.quire.harness.bench;

import io.quire.journal.CheckpointInfo;
import io.quire.master.internal.BenchNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Checkpoints back to back on a thread of their own, as the checkpointer would run them with a
 * period shorter than one checkpoint's duration: each one of the namespace as it is when the
 * previous one ends.
 */
final class CheckpointLoop {

  private final BenchNamespace namespace;
  private final List<CheckpointInfo> written = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stopping;
  private volatile Exception failure;
  private Thread thread;

  CheckpointLoop(BenchNamespace namespace) {
    this.namespace = namespace;
  }

  void start() {
    thread = new Thread(this::loop, "checkpoint-loop");
    thread.start();
  }

  private void loop() {
    try {
      while (!stopping) {
        written.add(namespace.checkpoint());
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      failure = e;
      Thread.currentThread().interrupt();
    }
  }

  /** Lets the checkpoint in progress finish, then stops; throws if one failed. */
  void stop() throws Exception {
    stopping = true;
    thread.join();
    if (failure != null) {
      throw new IOException("a checkpoint failed: " + failure, failure);
    }
  }

  /** E.g. "7 written, 640-910 ms each (median 700), 31 MB each". */
  String summary() {
    List<Long> millis = new ArrayList<>();
    long bytes = 0;
    synchronized (written) {
      for (CheckpointInfo info : written) {
        millis.add(info.durationMillis());
        bytes = info.bytes();
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
