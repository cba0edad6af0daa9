package io.quire.harness.swap;

import io.quire.harness.MasterJmx;

/**
 * One way of replacing a running master's journal storage, as an operator does it over JMX. The
 * scenario does it again and again at seeded moments and measures each one; a replacement with
 * another backend (a later {@code swap --to hdfs}, moving a running journal) is another
 * implementation, with its own notion of when the journal writes through the new storage.
 */
interface StorageSwap {

  /** For the report, e.g. {@code "updateBundle of quire-storage-local (the same jar)"}. */
  String describe();

  /** Replaces the storage; returns once the framework has (not yet the journal). */
  void perform(MasterJmx jmx) throws Exception;

  /** Whether the journal writes through the new storage: its MBean is there and has synced. */
  boolean writesThroughNewStorage(MasterJmx jmx) throws Exception;
}
