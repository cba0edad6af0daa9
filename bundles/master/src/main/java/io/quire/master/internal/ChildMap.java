package io.quire.master.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A directory's children, persistent and sorted by name: a B+-tree whose leaves are arrays of
 * child inodes (keyed by {@link Inode#name()}, so a leaf stores no keys) and whose branches hold
 * their kids and the names that separate them. Nodes are at most {@value #MAX_WIDTH} wide and
 * never change: {@link #plus} and {@link #minus} copy the path from the root to one leaf, so
 * every older map stays intact (structural sharing, as the tree of inodes does).
 *
 * <p>Why not a binary tree: a binary node costs about 40 bytes per child and a lookup visits a
 * dozen of them in a large directory, each likely a cache miss; here a child costs the 4 bytes
 * of its slot in a leaf, a lookup binary-searches two or three arrays, and {@link #fromSorted}
 * builds a directory frozen by an {@link EditSession} in linear time with a handful of arrays.
 *
 * <p>Invariants: all leaves are at the same depth; leaves are exactly as long as their entries
 * (copy on write needs no slack); only the root may be empty; in a branch, {@code
 * separators[i]} is greater than every name in {@code kids[i]} and at most every name in {@code
 * kids[i + 1]}. Removals merge a node that falls below a quarter full into a sibling when both
 * fit in one node, so a shrinking directory does not keep a sparse tree.
 */
final class ChildMap implements Iterable<Inode> {
  static final int MAX_WIDTH = 64;
  private static final int MIN_WIDTH = MAX_WIDTH / 4;
  private static final Inode[] NO_INODES = new Inode[0];
  private static final ChildMap EMPTY = new ChildMap(NO_INODES, 0);

  private final Object root; // an Inode[] leaf or a Branch
  private final int size;

  private ChildMap(Object root, int size) {
    this.root = root;
    this.size = size;
  }

  static ChildMap empty() {
    return EMPTY;
  }

  /**
   * A map of {@code sorted}, whose names must be strictly increasing, in linear time. Takes
   * ownership of the array: the caller must not change it afterwards.
   */
  static ChildMap fromSorted(Inode[] sorted) {
    int n = sorted.length;
    if (n <= MAX_WIDTH) {
      return n == 0 ? EMPTY : new ChildMap(sorted, n);
    }
    // Leaves share the children evenly, so each is more than half full.
    int leaves = (n + MAX_WIDTH - 1) / MAX_WIDTH;
    Object[] nodes = new Object[leaves];
    String[] firstNames = new String[leaves];
    for (int j = 0; j < leaves; j++) {
      int from = (int) ((long) n * j / leaves);
      nodes[j] = Arrays.copyOfRange(sorted, from, (int) ((long) n * (j + 1) / leaves));
      firstNames[j] = sorted[from].name();
    }
    while (nodes.length > 1) {
      int parents = (nodes.length + MAX_WIDTH - 1) / MAX_WIDTH;
      Object[] up = new Object[parents];
      String[] upFirstNames = new String[parents];
      for (int p = 0; p < parents; p++) {
        int from = (int) ((long) nodes.length * p / parents);
        int to = (int) ((long) nodes.length * (p + 1) / parents);
        up[p] = new Branch(Arrays.copyOfRange(firstNames, from + 1, to),
            Arrays.copyOfRange(nodes, from, to));
        upFirstNames[p] = firstNames[from];
      }
      nodes = up;
      firstNames = upFirstNames;
    }
    return new ChildMap(nodes[0], n);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The child named {@code name}, or null. */
  Inode get(String name) {
    Object node = root;
    while (node instanceof Branch branch) {
      node = branch.kids[branch.kidIndex(name)];
    }
    Inode[] leaf = (Inode[]) node;
    int i = indexIn(leaf, name);
    return i >= 0 ? leaf[i] : null;
  }

  /** This map with {@code child} added, or replacing the child of the same name. */
  ChildMap plus(Inode child) {
    Insertion insertion = new Insertion();
    Object node = insert(root, child, insertion);
    if (insertion.right != null) {
      node = new Branch(new String[] {insertion.separator}, new Object[] {node, insertion.right});
    }
    return new ChildMap(node, insertion.added ? size + 1 : size);
  }

  /** This map without the child named {@code name}; this map itself if there is none. */
  ChildMap minus(String name) {
    Object node = remove(root, name);
    if (node == root) {
      return this;
    }
    while (node instanceof Branch branch && branch.kids.length == 1) {
      node = branch.kids[0];
    }
    return new ChildMap(node, size - 1);
  }

  /** The children in name order. */
  @Override
  public Iterator<Inode> iterator() {
    return new Cursor(root, null);
  }

  /** The children whose names follow {@code name} (exclusive), in name order. */
  Iterable<Inode> after(String name) {
    return () -> new Cursor(root, name);
  }

  /** The names in order; for tests and diagnostics. */
  List<String> names() {
    List<String> names = new ArrayList<>(size);
    for (Inode child : this) {
      names.add(child.name());
    }
    return names;
  }

  @Override
  public String toString() {
    return names().toString();
  }

  /** Where {@code name} is in {@code leaf}, or {@code -(insertion point) - 1}. */
  private static int indexIn(Inode[] leaf, String name) {
    int lo = 0;
    int hi = leaf.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = leaf[mid].name().compareTo(name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** Returns the new node; a split leaves its right half and separator in {@code insertion}. */
  private static Object insert(Object node, Inode child, Insertion insertion) {
    if (node instanceof Branch branch) {
      int k = branch.kidIndex(child.name());
      Object kid = insert(branch.kids[k], child, insertion);
      if (insertion.right == null) {
        Object[] kids = branch.kids.clone();
        kids[k] = kid;
        return new Branch(branch.separators, kids);
      }
      Object[] kids = insertAt(branch.kids, k + 1, insertion.right);
      kids[k] = kid;
      String[] separators = insertAt(branch.separators, k, insertion.separator);
      insertion.right = null;
      if (kids.length <= MAX_WIDTH) {
        return new Branch(separators, kids);
      }
      int half = kids.length / 2;
      insertion.right = new Branch(Arrays.copyOfRange(separators, half, separators.length),
          Arrays.copyOfRange(kids, half, kids.length));
      insertion.separator = separators[half - 1];
      return new Branch(Arrays.copyOf(separators, half - 1), Arrays.copyOf(kids, half));
    }
    Inode[] leaf = (Inode[]) node;
    int i = indexIn(leaf, child.name());
    if (i >= 0) {
      Inode[] copy = leaf.clone();
      copy[i] = child;
      return copy;
    }
    insertion.added = true;
    Inode[] grown = insertAt(leaf, -i - 1, child);
    if (grown.length <= MAX_WIDTH) {
      return grown;
    }
    int half = grown.length / 2;
    insertion.right = Arrays.copyOfRange(grown, half, grown.length);
    insertion.separator = grown[half].name();
    return Arrays.copyOf(grown, half);
  }

  /** Returns the new node, {@code node} itself if {@code name} is absent below it. */
  private static Object remove(Object node, String name) {
    if (node instanceof Branch branch) {
      int k = branch.kidIndex(name);
      Object kid = branch.kids[k];
      Object changed = remove(kid, name);
      return changed == kid ? branch : branch.withKidReplaced(k, changed);
    }
    Inode[] leaf = (Inode[]) node;
    int i = indexIn(leaf, name);
    if (i < 0) {
      return leaf;
    }
    if (leaf.length == 1) {
      return NO_INODES;
    }
    Inode[] shrunk = new Inode[leaf.length - 1];
    System.arraycopy(leaf, 0, shrunk, 0, i);
    System.arraycopy(leaf, i + 1, shrunk, i, shrunk.length - i);
    return shrunk;
  }

  private static int width(Object node) {
    return node instanceof Branch branch ? branch.kids.length : ((Inode[]) node).length;
  }

  private static <T> T[] insertAt(T[] array, int index, T element) {
    T[] grown = Arrays.copyOf(array, array.length + 1);
    System.arraycopy(array, index, grown, index + 1, array.length - index);
    grown[index] = element;
    return grown;
  }

  private static <T> T[] removeAt(T[] array, int index) {
    T[] shrunk = Arrays.copyOf(array, array.length - 1);
    System.arraycopy(array, index + 1, shrunk, index, shrunk.length - index);
    return shrunk;
  }

  private static <T> T[] concat(T[] left, T[] right) {
    T[] joined = Arrays.copyOf(left, left.length + right.length);
    System.arraycopy(right, 0, joined, left.length, right.length);
    return joined;
  }

  /** The result of one {@link #insert} besides the new node, passed up the path. */
  private static final class Insertion {
    boolean added;
    Object right; // the right half of a node that split, or null
    String separator; // the first name under right
  }

  private static final class Branch {
    final String[] separators; // one fewer than kids
    final Object[] kids;

    Branch(String[] separators, Object[] kids) {
      this.separators = separators;
      this.kids = kids;
    }

    /** The kid whose names would include {@code name}: how many separators are at most it. */
    int kidIndex(String name) {
      int lo = 0;
      int hi = separators.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (separators[mid].compareTo(name) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /**
     * This branch with kid {@code k} replaced by {@code kid}, which lost one name: dropped if it
     * is empty, merged into a sibling if it is under a quarter full and both fit in one node.
     * A branch left without kids becomes an empty leaf, which its parent drops in turn.
     */
    Object withKidReplaced(int k, Object kid) {
      int width = width(kid);
      if (width == 0) {
        if (kids.length == 1) {
          return NO_INODES;
        }
        return new Branch(removeAt(separators, Math.max(k - 1, 0)), removeAt(kids, k));
      }
      if (width < MIN_WIDTH && kids.length > 1) {
        int left = k > 0 ? k - 1 : k;
        Object leftKid = left == k ? kid : kids[left];
        Object rightKid = left == k ? kids[k + 1] : kid;
        if (width(leftKid) + width(rightKid) <= MAX_WIDTH) {
          Object[] merged = removeAt(kids, left + 1);
          merged[left] = merge(leftKid, separators[left], rightKid);
          return new Branch(removeAt(separators, left), merged);
        }
      }
      Object[] replaced = kids.clone();
      replaced[k] = kid;
      return new Branch(separators, replaced);
    }

    private static Object merge(Object left, String separator, Object right) {
      if (left instanceof Branch l) {
        Branch r = (Branch) right;
        return new Branch(concat(insertAt(l.separators, l.separators.length, separator),
            r.separators), concat(l.kids, r.kids));
      }
      return concat((Inode[]) left, (Inode[]) right);
    }
  }

  /** Walks the leaves left to right, keeping the path of branches to the current leaf. */
  private static final class Cursor implements Iterator<Inode> {
    private final Branch[] branches;
    private final int[] kidIndexes;
    private Inode[] leaf;
    private int next;

    /** Starts at the first child, or after {@code after} (exclusive) if it is not null. */
    Cursor(Object root, String after) {
      int height = 0;
      for (Object node = root; node instanceof Branch branch; node = branch.kids[0]) {
        height++;
      }
      branches = new Branch[height];
      kidIndexes = new int[height];
      Object node = root;
      for (int level = 0; level < height; level++) {
        Branch branch = (Branch) node;
        branches[level] = branch;
        kidIndexes[level] = after == null ? 0 : branch.kidIndex(after);
        node = branch.kids[kidIndexes[level]];
      }
      leaf = (Inode[]) node;
      if (after != null) {
        int i = indexIn(leaf, after);
        next = i >= 0 ? i + 1 : -i - 1;
      }
    }

    @Override
    public boolean hasNext() {
      while (next == leaf.length) {
        if (!nextLeaf()) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Inode next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return leaf[next++];
    }

    private boolean nextLeaf() {
      int level = branches.length - 1;
      while (level >= 0 && kidIndexes[level] + 1 == branches[level].kids.length) {
        level--;
      }
      if (level < 0) {
        return false;
      }
      kidIndexes[level]++;
      Object node = branches[level].kids[kidIndexes[level]];
      for (int below = level + 1; below < branches.length; below++) {
        branches[below] = (Branch) node;
        kidIndexes[below] = 0;
        node = branches[below].kids[0];
      }
      leaf = (Inode[]) node;
      next = 0;
      return true;
    }
  }
}
