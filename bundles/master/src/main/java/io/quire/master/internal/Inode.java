package io.quire.master.internal;

/**
 * One file or directory, immutable. A directory holds its children in a persistent sorted map
 * ({@link ChildMap}), so a change copies only the path from the root to the changed node and
 * every older root stays a consistent snapshot (structural sharing).
 *
 * <p>Inside an {@link EditSession} a directory's children may instead be an
 * {@link OwnedChildren} table that the session changes in place; such an inode is never
 * published, and the session's freeze gives it a persistent map again. The methods that change
 * children take the session, null outside one.
 *
 * <p>Invariant: {@link #subtreeSize()} is 1 for a file and 1 plus the children's subtree sizes
 * for a directory, so the inode count of the namespace is the root's subtree size and a
 * recursive delete needs no walk.
 */
final class Inode {
  private static final ChildMap NO_CHILDREN = ChildMap.empty();

  private final long id;
  private final String name;
  private final String owner;
  private final int mode;
  private final long mtime;
  // A file has neither; a directory has exactly one: the persistent map, or inside an edit
  // session the table it owns. (The second reference costs no memory: it fits the padding.)
  private final ChildMap children;
  private final OwnedChildren table;
  private final long subtreeSize;

  private Inode(long id, String name, String owner, int mode, long mtime,
      ChildMap children, OwnedChildren table, long subtreeSize) {
    this.id = id;
    this.name = name;
    this.owner = owner;
    this.mode = mode;
    this.mtime = mtime;
    this.children = children;
    this.table = table;
    this.subtreeSize = subtreeSize;
  }

  static Inode directory(long id, String name, String owner, int mode, long mtime) {
    return new Inode(id, name, owner, mode, mtime, NO_CHILDREN, null, 1);
  }

  /**
   * A directory read back from an image, with its children (sorted, already frozen) and the
   * size of its subtree: 1 plus the children's subtree sizes.
   */
  static Inode restoredDirectory(long id, String name, String owner, int mode, long mtime,
      ChildMap children, long subtreeSize) {
    return new Inode(id, name, owner, mode, mtime, children, null, subtreeSize);
  }

  static Inode file(long id, String name, String owner, int mode, long mtime) {
    return new Inode(id, name, owner, mode, mtime, null, null, 1);
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
    return children != null || table != null;
  }

  long subtreeSize() {
    return subtreeSize;
  }

  /** The children sorted by name; empty for a file. Not for an inode inside an edit session. */
  ChildMap children() {
    if (table != null) {
      throw new IllegalStateException("directory '" + name + "' #" + id
          + " is inside an edit session: only a frozen tree is persistent");
    }
    return children == null ? NO_CHILDREN : children;
  }

  Inode child(String childName) {
    return table != null ? table.get(childName)
        : children == null ? null : children.get(childName);
  }

  int childCount() {
    return table != null ? table.size() : children == null ? 0 : children.size();
  }

  /**
   * Adds or replaces {@code child} (by its name), setting this directory's mtime.
   *
   * @param replaced the child of that name now, or null if there is none; the caller knows it
   *     from its walk, which saves a lookup per level on the write path
   */
  Inode withChild(Inode child, Inode replaced, long newMtime, EditSession session) {
    long size = subtreeSize - (replaced == null ? 0 : replaced.subtreeSize) + child.subtreeSize;
    if (session == null) {
      return new Inode(id, name, owner, mode, newMtime, children().plus(child), null,
          size);
    }
    OwnedChildren owned = tableOf(session);
    owned.put(child);
    return new Inode(id, name, owner, mode, newMtime, null, owned, size);
  }

  /** Removes the child named {@code childName} and its subtree, setting the mtime. */
  Inode withoutChild(String childName, long newMtime, EditSession session) {
    long size = subtreeSize - child(childName).subtreeSize;
    if (session == null) {
      return new Inode(id, name, owner, mode, newMtime, children().minus(childName), null, size);
    }
    OwnedChildren owned = tableOf(session);
    owned.remove(childName);
    return new Inode(id, name, owner, mode, newMtime, null, owned, size);
  }

  Inode withName(String newName) {
    return new Inode(id, newName, owner, mode, mtime, children, table, subtreeSize);
  }

  Inode withAttributes(String newOwner, int newMode, long newMtime) {
    return new Inode(id, name, newOwner, newMode, newMtime, children, table, subtreeSize);
  }

  /**
   * This inode with every table at or below it replaced by a persistent map; see
   * {@link EditSession#freeze}. Below a persistent map there are no tables, so the walk stops.
   */
  Inode frozen() {
    if (table == null) {
      return this;
    }
    Inode[] sorted = table.sorted();
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = sorted[i].frozen(); // same name, so the order holds
    }
    return new Inode(id, name, owner, mode, mtime, ChildMap.fromSorted(sorted), null,
        subtreeSize);
  }

  /** The table to change in place: this directory's, or a copy of its persistent children. */
  private OwnedChildren tableOf(EditSession session) {
    session.checkOpen();
    if (table == null) {
      return OwnedChildren.copyOf(session, children);
    }
    if (!table.ownedBy(session)) {
      throw new IllegalStateException("directory '" + name + "' #" + id
          + " is inside another edit session");
    }
    return table;
  }

  @Override
  public String toString() {
    return (isDirectory() ? "dir " : "file ") + name + " #" + id + " " + owner + " "
        + Integer.toOctalString(mode) + " " + mtime;
  }
}
