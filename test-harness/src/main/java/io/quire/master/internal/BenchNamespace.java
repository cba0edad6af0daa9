package io.quire.master.internal;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.RecoveryResult;
import io.quire.journal.StateSource;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The master's namespace in-process, over a journal folder, for the checkpoint benchmarks: the
 * same {@link Namespace} (write path, state snapshot) and {@link SegmentedJournal} (checkpoint
 * writer) a master runs, without the framework around them. Like {@link BenchJournalWriter} it
 * lives in the master's package on the harness's class path only.
 */
public final class BenchNamespace implements AutoCloseable {

  private final SegmentedJournal journal;
  private final Namespace namespace;
  private final RecoveryResult recovery;

  private BenchNamespace(SegmentedJournal journal, Namespace namespace, RecoveryResult recovery) {
    this.journal = journal;
    this.namespace = namespace;
    this.recovery = recovery;
  }

  /** Recovers the namespace from a formatted journal folder, as a master's start does. */
  public static BenchNamespace open(Path folder) throws IOException {
    SegmentedJournal journal = new SegmentedJournal(new LocalJournalStorage(folder),
        SegmentedJournal.Options.defaults(), Clock.systemUTC());
    Namespace namespace = new Namespace(journal, Clock.systemUTC());
    try {
      return new BenchNamespace(journal, namespace, namespace.recover());
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  public RecoveryResult recovery() {
    return recovery;
  }

  public long inodes() {
    return namespace.snapshot().inodeCount();
  }

  public long lastSequence() {
    return namespace.snapshot().lastAppliedSequence();
  }

  /** The journal the namespace writes to. */
  public SegmentedJournal journal() {
    return journal;
  }

  /** The namespace as the master offers it to the checkpointer and the backup bundle. */
  public StateSource stateSource() {
    return namespace::stateSnapshot;
  }

  /** Writes, renames and checks a checkpoint of the namespace now, as the checkpointer does. */
  public CheckpointInfo checkpoint() throws IOException, InterruptedException {
    return journal.checkpoint(namespace.stateSnapshot());
  }

  /** Serializes the namespace now into {@code out} only: the image's CPU cost without I/O. */
  public long writeImage(OutputStream out) throws IOException {
    return namespace.stateSnapshot().writeTo(out);
  }

  /** A client's mkdir: journaled, applied, and returned once durable. */
  public long mkdir(String path) throws IOException, InterruptedException {
    try {
      return namespace.mkdir(FsPath.parse(path), false, "quire", 0755);
    } catch (NamespaceException e) {
      throw new IOException("mkdir " + path + " refused: " + e.getMessage(), e);
    }
  }

  /** A mkdir journaled and applied without waiting for durability; see {@link #awaitDurable}. */
  public long appendMkdir(String path) throws IOException {
    try {
      return namespace.appendMkdir(FsPath.parse(path), false, "quire", 0755);
    } catch (NamespaceException e) {
      throw new IOException("mkdir " + path + " refused: " + e.getMessage(), e);
    }
  }

  public void awaitDurable(long sequence) throws IOException, InterruptedException {
    journal.awaitDurable(sequence);
  }

  @Override
  public void close() throws IOException {
    namespace.stop();
    journal.close();
  }
}
