package io.quire.master.internal;

/**
 * One change of the namespace, exactly as journaled: every value the change depends on (times,
 * inode ids) is in the record, so applying it again on replay gives the same result.
 */
sealed interface Mutation {

  /** The path the mutation is about, for messages. */
  FsPath path();

  /**
   * Creates directory {@code path}; with {@code parents}, first every missing ancestor (top down,
   * ids counting up from {@code firstId}, same owner, mode and time).
   */
  record Mkdir(FsPath path, boolean parents, String owner, int mode, long mtime, long firstId)
      implements Mutation {}

  /** Creates the empty file {@code path} with inode id {@code id}. */
  record CreateFile(FsPath path, String owner, int mode, long mtime, long id)
      implements Mutation {}

  /** Moves {@code path} (a file or a whole subtree) to {@code destination}. */
  record Rename(FsPath path, FsPath destination, long mtime) implements Mutation {}

  /** Deletes {@code path}; a non-empty directory only if {@code recursive}. */
  record Delete(FsPath path, boolean recursive, long mtime) implements Mutation {}

  /** Sets attributes of {@code path}; a null owner, a negative mode or a null mtime keeps it. */
  record SetAttributes(FsPath path, String owner, int mode, Long mtime) implements Mutation {}
}
