package io.quire.master.internal;

import io.quire.master.internal.Mutation.CreateFile;
import io.quire.master.internal.Mutation.Delete;
import io.quire.master.internal.Mutation.Mkdir;
import io.quire.master.internal.Mutation.Rename;
import io.quire.master.internal.Mutation.SetAttributes;
import java.nio.charset.StandardCharsets;

/**
 * Applies a {@link Mutation} to a snapshot and returns the next snapshot; a pure function used
 * both live (before the entry is journaled, which makes it the validation) and on replay.
 *
 * <p>Rules, POSIX-like: a new entry's parent must exist and be a directory; nothing is created
 * over an existing name; a non-empty directory is deleted only recursively; a rename's destination
 * must not exist, its parent must be a directory, and a directory cannot move below itself; the
 * root can be neither deleted nor moved. Creating, deleting or moving an entry sets its parent
 * directory's mtime to the entry's time. Every refusal throws before anything was built, naming
 * the path at fault.
 *
 * <p>With an {@link EditSession} (replay), the same rules build the next tree by changing the
 * directories the session owns in place instead of copying them; without one (null, the live
 * path), every change copies the path from the root so that every older snapshot stays intact.
 */
final class MutationApplier {
  private MutationApplier() {}

  /** The returned snapshot keeps {@code current}'s sequence number: the caller sets it. */
  static NamespaceSnapshot apply(NamespaceSnapshot current, Mutation m) throws NamespaceException {
    return apply(current, m, null);
  }

  /**
   * Applies {@code m} inside {@code session}, or persistently if it is null. Inside a session,
   * {@code current} must be the session's latest result (or the tree it started from) and is
   * not readable afterwards; see {@link EditSession}.
   */
  static NamespaceSnapshot apply(NamespaceSnapshot current, Mutation m, EditSession session)
      throws NamespaceException {
    if (m instanceof Mkdir mkdir) {
      return mkdir(current, mkdir, session);
    } else if (m instanceof CreateFile create) {
      return createFile(current, create, session);
    } else if (m instanceof Rename rename) {
      return rename(current, rename, session);
    } else if (m instanceof Delete delete) {
      return delete(current, delete, session);
    } else if (m instanceof SetAttributes set) {
      return setAttributes(current, set, session);
    }
    throw new IllegalArgumentException("unknown mutation " + m);
  }

  private static NamespaceSnapshot mkdir(NamespaceSnapshot s, Mkdir m,
      EditSession session) throws NamespaceException {
    FsPath p = m.path();
    Inode[] chain = new Inode[p.depth()];
    Inode node = s.root();
    int level = 0;
    for (; level < p.depth(); level++) {
      chain[level] = node;
      Inode next = node.child(p.name(level));
      if (next == null) {
        break;
      }
      if (!next.isDirectory()) {
        throw level == p.depth() - 1 ? NamespaceException.alreadyExists(p.toString())
            : NamespaceException.notADirectory(p.prefix(level + 1));
      }
      node = next;
    }
    if (level == p.depth()) {
      if (m.parents()) {
        return s; // mkdir -p of an existing directory changes nothing
      }
      throw NamespaceException.alreadyExists(p.toString());
    }
    if (level < p.depth() - 1 && !m.parents()) {
      throw NamespaceException.notFound(p.prefix(level + 1));
    }
    checkId(s, m.firstId(), p);
    Inode created = null;
    for (int i = p.depth() - 1; i >= level; i--) {
      Inode dir = Inode.directory(m.firstId() + i - level, p.name(i), m.owner(), m.mode(), m.mtime());
      created = created == null ? dir : dir.withChild(created, null, m.mtime(), session);
    }
    return new NamespaceSnapshot(attach(chain, level, created, m.mtime(), session),
        s.lastAppliedSequence(), m.firstId() + p.depth() - level);
  }

  private static NamespaceSnapshot createFile(NamespaceSnapshot s, CreateFile m,
      EditSession session)
      throws NamespaceException {
    FsPath p = m.path();
    if (p.isRoot()) {
      throw NamespaceException.alreadyExists("/");
    }
    Inode[] chain = parentChain(s.root(), p);
    Inode parent = chain[p.depth() - 1];
    if (parent.child(p.lastName()) != null) {
      throw NamespaceException.alreadyExists(p.toString());
    }
    checkId(s, m.id(), p);
    Inode file = Inode.file(m.id(), p.lastName(), m.owner(), m.mode(), m.mtime());
    return new NamespaceSnapshot(attach(chain, p.depth() - 1, file, m.mtime(), session),
        s.lastAppliedSequence(), m.id() + 1);
  }

  private static NamespaceSnapshot delete(NamespaceSnapshot s, Delete m,
      EditSession session)
      throws NamespaceException {
    FsPath p = m.path();
    if (p.isRoot()) {
      throw NamespaceException.invalidPath("/", "the root directory cannot be deleted");
    }
    Inode[] chain = parentChain(s.root(), p);
    Inode parent = chain[p.depth() - 1];
    Inode target = parent.child(p.lastName());
    if (target == null) {
      throw NamespaceException.notFound(p.toString());
    }
    if (target.childCount() > 0 && !m.recursive()) {
      throw NamespaceException.notEmpty(p.toString());
    }
    Inode root = rebuild(chain, p.depth() - 1,
        parent.withoutChild(p.lastName(), m.mtime(), session), -target.subtreeSize(), session);
    return new NamespaceSnapshot(root, s.lastAppliedSequence(), s.nextInodeId());
  }

  private static NamespaceSnapshot rename(NamespaceSnapshot s, Rename m,
      EditSession session)
      throws NamespaceException {
    FsPath src = m.path();
    FsPath dst = m.destination();
    if (src.isRoot()) {
      throw NamespaceException.invalidPath("/", "the root directory cannot be moved");
    }
    Inode[] srcChain = parentChain(s.root(), src);
    Inode moved = srcChain[src.depth() - 1].child(src.lastName());
    if (moved == null) {
      throw NamespaceException.notFound(src.toString());
    }
    if (src.isProperAncestorOf(dst)) {
      throw NamespaceException.invalidPath(dst.toString(),
          "cannot move '" + src + "' into itself");
    }
    if (dst.isRoot()) {
      throw NamespaceException.alreadyExists("/");
    }
    Inode dstParent = parentChain(s.root(), dst)[dst.depth() - 1];
    if (dstParent.child(dst.lastName()) != null) {
      throw NamespaceException.alreadyExists(dst.toString());
    }
    // Validated against the old tree; now cut, then graft into the tree without the source.
    long size = moved.subtreeSize();
    Inode cut = rebuild(srcChain, src.depth() - 1,
        srcChain[src.depth() - 1].withoutChild(src.lastName(), m.mtime(), session), -size,
        session);
    Inode[] dstChain = parentChain(cut, dst);
    Inode grafted = rebuild(dstChain, dst.depth() - 1, dstChain[dst.depth() - 1]
        .withChild(moved.withName(dst.lastName()), null, m.mtime(), session), size, session);
    return new NamespaceSnapshot(grafted, s.lastAppliedSequence(), s.nextInodeId());
  }

  private static NamespaceSnapshot setAttributes(NamespaceSnapshot s, SetAttributes m,
      EditSession session)
      throws NamespaceException {
    FsPath p = m.path();
    Inode old = s.resolve(p);
    Inode changed = old.withAttributes(m.owner() == null ? old.owner() : m.owner(),
        m.mode() < 0 ? old.mode() : m.mode(), m.mtime() == null ? old.mtime() : m.mtime(),
        session);
    Inode root = changed;
    if (!p.isRoot()) {
      Inode[] chain = parentChain(s.root(), p);
      Inode parent = chain[p.depth() - 1];
      root = rebuild(chain, p.depth() - 1,
          parent.withChild(changed, old, parent.mtime(), session), 0, session);
    }
    return new NamespaceSnapshot(root, s.lastAppliedSequence(), s.nextInodeId());
  }

  /**
   * Replay's shortcut for a creation entry, read by {@link EntryDecoder#decodeCreation}: when it
   * is the plain case, which {@link #apply} would apply to {@code root} exactly so, creates the
   * one inode it names and returns the new root (the next inode id is then {@code c.id + 1});
   * otherwise returns null having changed nothing, and the caller applies the decoded mutation.
   * The plain case: every ancestor exists and is a directory, the name is free and the id is
   * {@code nextInodeId}. (With {@code parents}, a mkdir whose parent exists creates just the one
   * directory too.) The path's directories are looked up straight from the entry's bytes and only
   * the new name becomes a string, as {@link FsPath#parseUtf8} would make it.
   *
   * @param chain scratch space for the walk, at least {@code c.depth} long
   */
  static Inode applyCreation(Inode root, long nextInodeId, EntryDecoder.Creation c,
      Inode[] chain, EditSession session) {
    byte[] path = c.pathBytes;
    int end = c.pathOffset + c.pathLength;
    int nameStart = c.pathOffset + 1; // after the leading '/'
    Inode node = root;
    for (int level = 0; level < c.depth; level++) {
      int nameEnd = nameStart;
      while (nameEnd < end && path[nameEnd] != '/') {
        nameEnd++;
      }
      if (!node.isDirectory()) {
        return null;
      }
      chain[level] = node;
      Inode next = node.child(path, nameStart, nameEnd);
      if (level == c.depth - 1) {
        if (next != null || c.id != nextInodeId) {
          return null;
        }
        break;
      }
      if (next == null) {
        return null;
      }
      node = next;
      nameStart = nameEnd + 1;
    }
    String name = new String(path, nameStart, end - nameStart, StandardCharsets.ISO_8859_1);
    Inode created = c.directory ? Inode.directory(c.id, name, c.owner, c.mode, c.mtime)
        : Inode.file(c.id, name, c.owner, c.mode, c.mtime);
    return attach(chain, c.depth - 1, created, c.mtime, session);
  }

  /**
   * The directories from the root down to {@code p}'s parent: element {@code i} is the directory
   * at {@code p.prefix(i)}. {@code p} must not be the root.
   */
  private static Inode[] parentChain(Inode root, FsPath p) throws NamespaceException {
    Inode[] chain = new Inode[p.depth()];
    Inode node = root;
    for (int i = 0; i < chain.length; i++) {
      if (node == null) {
        throw NamespaceException.notFound(p.prefix(i));
      }
      if (!node.isDirectory()) {
        throw NamespaceException.notADirectory(p.prefix(i));
      }
      chain[i] = node;
      node = node.child(p.name(i));
    }
    return chain;
  }

  /** Adds the new {@code created} to {@code chain[level]}, setting its mtime; see rebuild. */
  private static Inode attach(Inode[] chain, int level, Inode created, long mtime,
      EditSession session) {
    return rebuild(chain, level, chain[level].withChild(created, null, mtime, session),
        created.subtreeSize(), session);
  }

  /**
   * Puts {@code replacement} in the place of {@code chain[level]} and brings the ancestors up to
   * date, their mtimes unchanged: copies each, or inside a session changes in place each whose
   * child changed in place (it is that child's parent in the tree still), which only needs its
   * subtree size to change by {@code sizeChange}, the change's.
   */
  private static Inode rebuild(Inode[] chain, int level, Inode replacement, long sizeChange,
      EditSession session) {
    Inode node = replacement;
    for (int i = level - 1; i >= 0; i--) {
      node = node == chain[i + 1] ? chain[i].resized(sizeChange, session)
          : chain[i].withChild(node, chain[i + 1], chain[i].mtime(), session);
    }
    return node;
  }

  /** Inode ids come from a counter that replay must reproduce; a gap means a foreign journal. */
  private static void checkId(NamespaceSnapshot s, long id, FsPath p) {
    if (id != s.nextInodeId()) {
      throw new IllegalStateException("entry for '" + p + "' creates inode id " + id
          + " but the namespace allocates " + s.nextInodeId() + " next");
    }
  }
}
