package io.quire.master.internal;

import java.nio.charset.StandardCharsets;

/**
 * One file or directory, immutable. A directory holds its children in a persistent sorted map
 * ({@link ChildMap}), so a change copies only the path from the root to the changed node and
 * every older root stays a consistent snapshot (structural sharing).
 *
 * <p>Inside an {@link EditSession} a directory's children may instead be an
 * {@link OwnedChildren} table that the session changes in place, and with them the directory's
 * mtime and subtree size, which the table then holds: the session changes such a directory
 * without a new inode, and its ancestors need none either. Such an inode is never published,
 * and the session's freeze gives it a persistent map (and final mtime and size) again. The
 * methods that change a directory take the session, null outside one.
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
  private final long mtime; // while the table is set, the table's
  // A file has neither; a directory has exactly one: the persistent map, or inside an edit
  // session the table it owns. (The second reference costs no memory: it fits the padding.)
  private final ChildMap children;
  private final OwnedChildren table;
  private final long subtreeSize; // while the table is set, the table's

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
    return table != null ? table.mtime() : mtime;
  }

  boolean isDirectory() {
    return children != null || table != null;
  }

  long subtreeSize() {
    return table != null ? table.subtreeSize() : subtreeSize;
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

  /**
   * The child named by the ASCII characters {@code ascii[from, to)}, as {@link #child(String)};
   * inside an edit session without making the name a string.
   */
  Inode child(byte[] ascii, int from, int to) {
    if (table != null) {
      return table.get(ascii, from, to);
    }
    return children == null || children.isEmpty() ? null
        : children.get(new String(ascii, from, to - from, StandardCharsets.ISO_8859_1));
  }

  int childCount() {
    return table != null ? table.size() : children == null ? 0 : children.size();
  }

  /**
   * Adds or replaces {@code child} (by its name), setting this directory's mtime. Inside a
   * session, a directory that owns its table changes in place and returns itself.
   *
   * @param child a new inode: not {@code replaced} changed in place (see {@link #resized})
   * @param replaced the child of that name now, or null if there is none; the caller knows it
   *     from its walk, which saves a lookup per level on the write path
   */
  Inode withChild(Inode child, Inode replaced, long newMtime, EditSession session) {
    long size = subtreeSize() - (replaced == null ? 0 : replaced.subtreeSize())
        + child.subtreeSize();
    if (session == null) {
      return new Inode(id, name, owner, mode, newMtime, children().plus(child), null,
          size);
    }
    OwnedChildren owned = tableOf(session);
    owned.put(child);
    return inSession(owned, newMtime, size);
  }

  /**
   * Removes the child named {@code childName} and its subtree, setting the mtime. Inside a
   * session, as {@link #withChild}.
   */
  Inode withoutChild(String childName, long newMtime, EditSession session) {
    long size = subtreeSize() - child(childName).subtreeSize();
    if (session == null) {
      return new Inode(id, name, owner, mode, newMtime, children().minus(childName), null, size);
    }
    OwnedChildren owned = tableOf(session);
    owned.remove(childName);
    return inSession(owned, newMtime, size);
  }

  /**
   * This directory, changed in place inside {@code session} because a descendant was: its
   * subtree gained {@code sizeChange} inodes (lost, if negative); its mtime stays. A directory
   * changed in place owns its table, and so does each of its ancestors (see
   * {@link EditSession}), which is why this needs no copy.
   */
  Inode resized(long sizeChange, EditSession session) {
    if (table == null || !table.ownedBy(session)) {
      throw new IllegalStateException("directory '" + name + "' #" + id
          + " has a descendant changed in place but no table of its own");
    }
    table.setAttributes(table.mtime(), table.subtreeSize() + sizeChange);
    return this;
  }

  /** The inode under a new name; a directory inside a session shares its table with this one. */
  Inode withName(String newName) {
    return new Inode(id, newName, owner, mode, mtime, children, table, subtreeSize);
  }

  /**
   * The inode with new attributes. A directory inside a session shares its table with this one,
   * which takes the new mtime: this inode is then not to be read.
   */
  Inode withAttributes(String newOwner, int newMode, long newMtime, EditSession session) {
    if (table == null) {
      return new Inode(id, name, newOwner, newMode, newMtime, children, null, subtreeSize);
    }
    OwnedChildren owned = tableOf(session);
    owned.setAttributes(newMtime, owned.subtreeSize());
    return new Inode(id, name, newOwner, newMode, 0, null, owned, 0);
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
    return new Inode(id, name, owner, mode, table.mtime(), ChildMap.fromSorted(sorted), null,
        table.subtreeSize());
  }

  /**
   * This directory inside the session with {@code owned} holding its children: itself when that
   * is its own table, else (the session's first change to it) a new inode with the new table.
   */
  private Inode inSession(OwnedChildren owned, long newMtime, long newSize) {
    owned.setAttributes(newMtime, newSize);
    return owned == table ? this : new Inode(id, name, owner, mode, 0, null, owned, 0);
  }

  /** The table to change in place: this directory's, or a copy of its persistent children. */
  private OwnedChildren tableOf(EditSession session) {
    if (table == null) {
      session.checkOpen();
      return OwnedChildren.copyOf(session, children);
    }
    if (session == null || !table.ownedBy(session)) {
      throw new IllegalStateException("directory '" + name + "' #" + id
          + (session == null ? " is inside an edit session: only a frozen tree is persistent"
              : " is inside another edit session"));
    }
    session.checkOpen();
    return table;
  }

  @Override
  public String toString() {
    return (isDirectory() ? "dir " : "file ") + name + " #" + id + " " + owner + " "
        + Integer.toOctalString(mode) + " " + mtime();
  }
}
