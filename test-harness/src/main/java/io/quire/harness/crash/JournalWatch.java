package io.quire.harness.crash;

import io.quire.harness.load.AckCounter;
import io.quire.journal.JournalFormat;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Follows a journal folder's files through file events (inotify on Linux), so that a kill can
 * follow a checkpoint's file event within a fraction of a millisecond, and counts the checkpoint
 * work it sees: checkpoints written, clean-up deletes, and the most checkpoints and temporaries
 * present at any one time. Confined to the scenario's main thread.
 */
final class JournalWatch implements AutoCloseable {

  private static final long POLL_MILLIS = 20;

  private final Path folder;
  private final WatchService service;
  private final Set<String> names = new HashSet<>();
  private int checkpointsWritten;
  private int cleanUpDeletes;
  private int mostCheckpoints;
  private int mostTemporaries;
  private String firedBy;

  JournalWatch(Path folder) throws IOException {
    this.folder = folder;
    this.service = FileSystems.getDefault().newWatchService();
    folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_DELETE);
    relist(); // after registering, so that no file event falls between the two
  }

  /**
   * Returns at the plan's kill moment: {@code plan.delayMicros()} after the first matching
   * event once {@code plan.armAfterAcks()} mutations were acknowledged and
   * {@code plan.armAfterCheckpoints()} checkpoints seen written (for
   * {@link KillPlan.Trigger#ACKNOWLEDGED}: once they were, within one poll); or, if that never
   * comes, once every client has stopped.
   *
   * @return true if the trigger fired, false if the load ended first
   */
  boolean awaitKillMoment(KillPlan plan, AckCounter counter) throws InterruptedException {
    while (!counter.allStopped()) {
      if (plan.trigger() == KillPlan.Trigger.ACKNOWLEDGED && armed(plan, counter)) {
        return true;
      }
      WatchKey key = service.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      if (key != null && take(key, plan, counter)) {
        LockSupport.parkNanos(plan.delayMicros() * 1_000); // a drawn pause, not a wait for a state
        return true;
      }
    }
    return false;
  }

  private boolean armed(KillPlan plan, AckCounter counter) {
    return counter.count() >= plan.armAfterAcks()
        && checkpointsWritten >= plan.armAfterCheckpoints();
  }

  /** Takes in the events queued so far, e.g. those before a kill. */
  void drain() {
    for (WatchKey key = service.poll(); key != null; key = service.poll()) {
      take(key, null, null);
    }
  }

  /**
   * Waits, woken by file events, until the folder's listing satisfies {@code condition} or
   * {@code timeout} passes.
   *
   * @return the last listing read, whether it satisfies the condition or not
   */
  JournalListing awaitListing(java.util.function.Predicate<JournalListing> condition,
      java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JournalListing listing = JournalListing.read(folder);
      long left = deadline - System.nanoTime();
      if (condition.test(listing) || left <= 0) {
        return listing;
      }
      WatchKey key = service.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)),
          TimeUnit.NANOSECONDS);
      if (key != null) {
        take(key, null, null);
      }
    }
  }

  /**
   * Counts the key's events in order; with a plan, also checks each against the trigger, armed
   * or not as the counts stand at that event.
   *
   * @return true if one of the events fired {@code plan}'s trigger
   */
  private boolean take(WatchKey key, KillPlan plan, AckCounter counter) {
    boolean fired = false;
    try {
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
          relist();
          continue;
        }
        String name = event.context().toString();
        if (!fired && plan != null && armed(plan, counter)
            && plan.trigger().matches(event.kind(), name)) {
          fired = true;
          firedBy = event.kind().name() + " " + name;
        }
        count(event.kind(), name);
      }
      return fired;
    } finally {
      key.reset();
    }
  }

  private void count(WatchEvent.Kind<?> kind, String name) {
    if (kind == StandardWatchEventKinds.ENTRY_CREATE) {
      names.add(name);
      if (JournalFormat.parseCheckpointName(name) >= 0) {
        checkpointsWritten++;
      }
    } else {
      names.remove(name);
      if (KillPlan.Trigger.CLEAN_UP_DELETES.matches(kind, name)) {
        cleanUpDeletes++;
      }
    }
    JournalListing now = JournalListing.of(names);
    mostCheckpoints = Math.max(mostCheckpoints, now.checkpoints().size());
    mostTemporaries = Math.max(mostTemporaries, now.temporaries().size());
  }

  private void relist() {
    names.clear();
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + folder, e);
    }
    JournalListing now = JournalListing.of(names);
    mostCheckpoints = Math.max(mostCheckpoints, now.checkpoints().size());
    mostTemporaries = Math.max(mostTemporaries, now.temporaries().size());
  }

  /** The event that fired the trigger, e.g. {@code "ENTRY_CREATE checkpoint-….tmp"}; or null. */
  String firedBy() {
    return firedBy;
  }

  int checkpointsWritten() {
    return checkpointsWritten;
  }

  int cleanUpDeletes() {
    return cleanUpDeletes;
  }

  int mostCheckpoints() {
    return mostCheckpoints;
  }

  int mostTemporaries() {
    return mostTemporaries;
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
