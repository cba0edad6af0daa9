package io.quire.harness.swap;

import io.quire.harness.Invariant;
import io.quire.harness.MasterJmx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.management.JMException;

/**
 * One way of replacing a running master's journal storage, as an operator does it over JMX. The
 * scenario does it again and again at seeded moments and measures each one: the storage bundle
 * updated in place ({@link SameBundleUpdate}), or the journal moved to another folder, on the
 * same backend or another ({@link JournalMoves}), each with its own notion of when the journal
 * writes through the new storage.
 */
public interface StorageSwap {

  /** For the report, e.g. {@code "updateBundle of quire-storage-local (the same jar)"}. */
  String describe();

  /** The options of {@code swap} that choose this, for the line that reproduces a failure. */
  default String options() {
    return "";
  }

  /** The folder the master is formatted and started on, for a master that works in {@code work}. */
  default String firstFolder(Path work) {
    return work.resolve("journal").toString();
  }

  /** Site properties the master needs from its start (lines ending in a newline). */
  default String siteProperties() {
    return "";
  }

  /**
   * Replaces the storage; returns once the framework has (a bundle update: not yet the journal)
   * or once the journal has switched (a move).
   */
  void perform(MasterJmx jmx) throws IOException, JMException;

  /** Whether the journal writes through the new storage. */
  boolean writesThroughNewStorage(MasterJmx jmx) throws IOException, JMException;

  /**
   * The folders the journal moved to, in order: the last is where it is, and a restart must
   * name it. Empty for a swap that leaves the journal in its folder.
   */
  default List<String> movedTo() {
    return List.of();
  }

  /** What the journal logs, once per swap, of how long it held writes. */
  HeldFigure heldFigure();

  /** Invariants of this kind of swap on what it saw while swapping; none by default. */
  default List<Invariant> invariants() {
    return List.of();
  }
}
