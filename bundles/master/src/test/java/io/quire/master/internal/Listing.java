package io.quire.master.internal;

import java.util.ArrayList;
import java.util.List;

/** Every inode of a snapshot, one line each with all attributes, for whole-namespace equality. */
final class Listing {
  private Listing() {}

  static List<String> of(NamespaceSnapshot s) {
    List<String> lines = new ArrayList<>();
    s.forEachInode((path, parentId, inode) -> lines.add(path + " parent=" + parentId + " "
        + inode + " size=" + inode.subtreeSize()));
    lines.add("next=" + s.nextInodeId() + " seq=" + s.lastAppliedSequence());
    return lines;
  }

  static FsPath path(String p) {
    try {
      return FsPath.parse(p);
    } catch (NamespaceException e) {
      throw new AssertionError(e);
    }
  }
}
