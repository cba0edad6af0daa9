package io.quire.master;

/** What a master does in its cluster. */
public enum Role {
  /** Holds the journal, applies and serves mutations. */
  PRIMARY,
  /** Waits to take over from the primary (HA with ZooKeeper). */
  STANDBY,
  /** Follows the journal to write checkpoints; serves no clients. */
  SECONDARY
}
