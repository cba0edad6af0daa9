package io.quire.master.internal;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A directory's children while an {@link EditSession} builds it: a mutable open-addressing hash
 * table of the child inodes keyed by their names (linear probing, at most half full). It also
 * holds the directory's mtime and subtree size, which change with the children: the session then
 * changes the directory in place, not only its children (see {@link Inode}). Adding a
 * child to a persistent sorted map copies a dozen tree nodes and a lookup visits as many, each
 * likely a cache miss in a large namespace; here an addition allocates nothing but the occasional
 * larger table and a lookup reads one slot and its hash, and only on a matching hash a child
 * and its name. The order by name, which listings need,
 * is established once, when the session freezes the directory ({@link #sorted}, then
 * {@link ChildMap#fromSorted}).
 *
 * <p>Changed only by the session's thread and never reachable from a published snapshot.
 */
final class OwnedChildren {
  private static final int MIN_SLOTS = 8;
  /** Positions take the low 15 bits of a sort key, under a 48-bit name prefix. */
  private static final int MAX_KEYED_SORT = 1 << 15;
  private static final Comparator<Inode> BY_NAME = Comparator.comparing(Inode::name);

  private final EditSession session;
  private Inode[] slots; // length a power of two, at most half of the slots in use
  // hashes[i] is the hash of slots[i]'s name: probing compares these before reading a child,
  // which in a large namespace is a cache miss for the inode, its name and the name's bytes
  private int[] hashes;
  private int size;
  private long mtime; // the directory's
  private long subtreeSize; // the directory's

  private OwnedChildren(EditSession session, int expected) {
    this.session = session;
    this.slots = new Inode[slotsFor(expected)];
    this.hashes = new int[slots.length];
  }

  /** A table owned by {@code session} holding {@code children}. */
  static OwnedChildren copyOf(EditSession session, ChildMap children) {
    OwnedChildren table = new OwnedChildren(session, children.size() + 1);
    if (children.isEmpty()) {
      // A new directory's first child, the usual first change to a directory: no iterator to
      // make, and replay's compiled code leaves the copy out (JFR, ReplayBench: 28 KB of code
      // for MutationApplier.applyCreation instead of 36 KB; the first round's time within noise).
      return table;
    }
    for (Inode child : children) {
      table.put(child);
    }
    return table;
  }

  boolean ownedBy(EditSession s) {
    return session == s;
  }

  int size() {
    return size;
  }

  long mtime() {
    return mtime;
  }

  long subtreeSize() {
    return subtreeSize;
  }

  /** Sets the directory's mtime and subtree size. */
  void setAttributes(long newMtime, long newSubtreeSize) {
    mtime = newMtime;
    subtreeSize = newSubtreeSize;
  }

  Inode get(String name) {
    int hash = hash(name);
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Inode child = slots[i];
      if (child == null || (hashes[i] == hash && child.name().equals(name))) {
        return child;
      }
    }
  }

  /**
   * The child named by the ASCII characters {@code ascii[from, to)}, as {@link #get(String)}
   * finds it, without a string: replay resolves the directories of an entry's path this way.
   */
  Inode get(byte[] ascii, int from, int to) {
    int hash = spread(asciiHashCode(ascii, from, to));
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Inode child = slots[i];
      if (child == null || (hashes[i] == hash && equalsAscii(child.name(), ascii, from, to))) {
        return child;
      }
    }
  }

  /** Adds {@code child}, replacing the child of the same name if there is one. */
  void put(Inode child) {
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    String name = child.name();
    int hash = hash(name);
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Inode present = slots[i];
      if (present == null) {
        slots[i] = child;
        hashes[i] = hash;
        size++;
        return;
      }
      if (hashes[i] == hash && present.name().equals(name)) {
        slots[i] = child;
        return;
      }
    }
  }

  /**
   * Removes the child named {@code name}, if any, and closes the gap by moving later entries of
   * its probe run back (no tombstones, so lookups never slow down after deletions).
   */
  void remove(String name) {
    int hash = hash(name);
    int mask = slots.length - 1;
    int hole = hash & mask;
    while (slots[hole] != null && !(hashes[hole] == hash && slots[hole].name().equals(name))) {
      hole = (hole + 1) & mask;
    }
    if (slots[hole] == null) {
      return;
    }
    for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
      // slots[i] may fill the hole if the hole lies on its probe path, from home to i
      int distanceFromHome = (i - hashes[i]) & mask;
      if (distanceFromHome >= ((i - hole) & mask)) {
        slots[hole] = slots[i];
        hashes[hole] = hashes[i];
        hole = i;
      }
    }
    slots[hole] = null;
    size--;
  }

  /**
   * The children sorted by name. Comparing names reads three objects per comparison; so up to
   * {@value #MAX_KEYED_SORT} children, a primitive sort orders keys holding the first three
   * characters of each name above the child's position, and only runs of children whose names
   * share those characters compare whole names. (A key order differs from the name order only
   * where the names' first three characters already decide it the same way.)
   */
  Inode[] sorted() {
    Inode[] children = new Inode[size];
    int n = 0;
    for (Inode child : slots) {
      if (child != null) {
        children[n++] = child;
      }
    }
    if (n > MAX_KEYED_SORT) {
      Arrays.sort(children, BY_NAME);
      return children;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = prefixKey(children[i].name()) << 15 | i;
    }
    Arrays.sort(keys);
    Inode[] sorted = new Inode[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = children[(int) (keys[i] & MAX_KEYED_SORT - 1)];
    }
    for (int start = 0, end; start < n; start = end) {
      end = start + 1;
      while (end < n && keys[end] >>> 15 == keys[start] >>> 15) {
        end++;
      }
      if (end - start > 1) {
        Arrays.sort(sorted, start, end, BY_NAME);
      }
    }
    return sorted;
  }

  /** The first three characters, missing ones as 0, in 48 bits: orders as the names begin. */
  private static long prefixKey(String name) {
    long key = 0;
    for (int i = 0; i < 3; i++) {
      key = key << 16 | (i < name.length() ? name.charAt(i) : 0);
    }
    return key;
  }

  /** Rehashes from the kept hashes: no child or name is read, so no cache miss per child. */
  private void grow() {
    Inode[] oldSlots = slots;
    int[] oldHashes = hashes;
    slots = new Inode[oldSlots.length * 2];
    hashes = new int[slots.length];
    int mask = slots.length - 1;
    for (int j = 0; j < oldSlots.length; j++) {
      if (oldSlots[j] != null) {
        int i = oldHashes[j] & mask;
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = oldSlots[j];
        hashes[i] = oldHashes[j];
      }
    }
  }

  private static int slotsFor(int expected) {
    int slots = MIN_SLOTS;
    while (slots < 2 * expected) {
      slots *= 2;
    }
    return slots;
  }

  /**
   * Fibonacci hashing: spreads names that differ only in their last characters. A slot's home is
   * its hash masked by the table's length.
   */
  private static int hash(String name) {
    return spread(name.hashCode());
  }

  private static int spread(int hashCode) {
    int h = hashCode * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /**
   * {@link String#hashCode} of the string of these ASCII characters: its Javadoc specifies the
   * value, {@code s[0]*31^(n-1) + ... + s[n-1]}, from the characters alone.
   */
  private static int asciiHashCode(byte[] ascii, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + ascii[i];
    }
    return h;
  }

  private static boolean equalsAscii(String name, byte[] ascii, int from, int to) {
    if (name.length() != to - from) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) != ascii[from + i]) {
        return false;
      }
    }
    return true;
  }
}
