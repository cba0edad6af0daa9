package io.quire.master.internal;

import org.pcollections.TreePMap;

/**
 * One file or directory, immutable. A directory holds its children in a persistent sorted map,
 * so a change copies only the path from the root to the changed node and every older root stays
 * a consistent snapshot (structural sharing).
 *
 * <p>Invariant: {@link #subtreeSize()} is 1 for a file and 1 plus the children's subtree sizes
 * for a directory, so the inode count of the namespace is the root's subtree size and a
 * recursive delete needs no walk.
 */
final class Inode {
  private static final TreePMap<String, Inode> NO_CHILDREN = TreePMap.empty();

  private final long id;
  private final String name;
  private final String owner;
  private final int mode;
  private final long mtime;
  private final TreePMap<String, Inode> children;
  private final long subtreeSize;

  private Inode(long id, String name, String owner, int mode, long mtime,
      TreePMap<String, Inode> children, long subtreeSize) {
    this.id = id;
    this.name = name;
    this.owner = owner;
    this.mode = mode;
    this.mtime = mtime;
    this.children = children;
    this.subtreeSize = subtreeSize;
  }

  static Inode directory(long id, String name, String owner, int mode, long mtime) {
    return new Inode(id, name, owner, mode, mtime, NO_CHILDREN, 1);
  }

  static Inode file(long id, String name, String owner, int mode, long mtime) {
    return new Inode(id, name, owner, mode, mtime, null, 1);
  }

  long id() {
    return id;
  }

  /** The name in the parent directory; empty for the root. */
  String name() {
    return name;
  }

  String owner() {
    return owner;
  }

  /** Permission bits, e.g. {@code 0755}. */
  int mode() {
    return mode;
  }

  /** Modification time, epoch millis. */
  long mtime() {
    return mtime;
  }

  boolean isDirectory() {
    return children != null;
  }

  long subtreeSize() {
    return subtreeSize;
  }

  /** The children sorted by name; empty for a file. */
  TreePMap<String, Inode> children() {
    return children == null ? NO_CHILDREN : children;
  }

  Inode child(String childName) {
    return children == null ? null : children.get(childName);
  }

  int childCount() {
    return children == null ? 0 : children.size();
  }

  /**
   * Adds or replaces {@code child} (by its name), setting this directory's mtime.
   *
   * @param replaced the child of that name now, or null if there is none; the caller knows it
   *     from its walk, which saves a lookup per level on the write path
   */
  Inode withChild(Inode child, Inode replaced, long newMtime) {
    long size = subtreeSize - (replaced == null ? 0 : replaced.subtreeSize) + child.subtreeSize;
    return new Inode(id, name, owner, mode, newMtime, children.plus(child.name, child), size);
  }

  /** Removes the child named {@code childName} and its subtree, setting the mtime. */
  Inode withoutChild(String childName, long newMtime) {
    Inode old = children.get(childName);
    return new Inode(id, name, owner, mode, newMtime, children.minus(childName),
        subtreeSize - old.subtreeSize);
  }

  Inode withName(String newName) {
    return new Inode(id, newName, owner, mode, mtime, children, subtreeSize);
  }

  Inode withAttributes(String newOwner, int newMode, long newMtime) {
    return new Inode(id, name, newOwner, newMode, newMtime, children, subtreeSize);
  }

  @Override
  public String toString() {
    return (isDirectory() ? "dir " : "file ") + name + " #" + id + " " + owner + " "
        + Integer.toOctalString(mode) + " " + mtime;
  }
}
