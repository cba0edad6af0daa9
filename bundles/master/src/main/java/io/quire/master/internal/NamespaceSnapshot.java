package io.quire.master.internal;

/**
 * The whole namespace at one point of the journal, immutable. Taking one costs a volatile read
 * (see {@link Namespace#snapshot()}), so checkpoints and backups can walk a consistent tree while
 * writes go on.
 *
 * @param root the root directory
 * @param lastAppliedSequence sequence number of the last entry applied; 0 for a new namespace
 * @param nextInodeId the id the next created inode gets; replay reproduces it
 */
record NamespaceSnapshot(Inode root, long lastAppliedSequence, long nextInodeId) {

  /** The root directory of a new namespace: id 0, created at epoch 0, so replay is exact. */
  static final String ROOT_OWNER = "quire";
  static final int ROOT_MODE = 0755;

  static NamespaceSnapshot empty() {
    return new NamespaceSnapshot(Inode.directory(0, "", ROOT_OWNER, ROOT_MODE, 0), 0, 1);
  }

  /** Inodes in the namespace, the root included. */
  long inodeCount() {
    return root.subtreeSize();
  }

  NamespaceSnapshot withSequence(long sequence) {
    return new NamespaceSnapshot(root, sequence, nextInodeId);
  }

  /**
   * The inode at {@code path}.
   *
   * @throws NamespaceException {@code NOT_FOUND} or {@code NOT_A_DIRECTORY}, naming the component
   */
  Inode resolve(FsPath path) throws NamespaceException {
    Inode node = root;
    for (int i = 0; i < path.depth(); i++) {
      if (!node.isDirectory()) {
        throw NamespaceException.notADirectory(path.prefix(i));
      }
      node = node.child(path.name(i));
      if (node == null) {
        throw NamespaceException.notFound(path.prefix(i + 1));
      }
    }
    return node;
  }

  /** Visits every inode, parents before children, children in name order. */
  void forEachInode(InodeVisitor visitor) {
    visitor.visit("/", -1, root);
    visitChildren(new StringBuilder(), root, visitor);
  }

  private static void visitChildren(StringBuilder path, Inode dir, InodeVisitor visitor) {
    int length = path.length();
    for (Inode child : dir.children()) {
      path.append('/').append(child.name());
      visitor.visit(path.toString(), dir.id(), child);
      if (child.isDirectory()) {
        visitChildren(path, child, visitor);
      }
      path.setLength(length);
    }
  }

  /** Receives inodes from {@link #forEachInode}. */
  @FunctionalInterface
  interface InodeVisitor {
    /**
     * @param path the inode's full path
     * @param parentId the parent's id; -1 for the root
     */
    void visit(String path, long parentId, Inode inode);
  }
}
