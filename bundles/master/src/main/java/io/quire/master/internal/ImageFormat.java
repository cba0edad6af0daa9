package io.quire.master.internal;

/**
 * The master's state image: the whole namespace as the body of a state file (a checkpoint, or a
 * backup once gzipped). Written once here and in {@code docs/master-entries.md}.
 *
 * <pre>
 * image  = version:u8 | nextInodeId:uvarint | inodeCount:uvarint | inode{inodeCount}
 * inode  = kind:u8 | id:uvarint | name:string | owner | mode:uvarint | mtime:svarint
 *          | childCount:uvarint (directories only)
 * kind   = bit 0: a directory; bit 1: the owner is new (a string follows), else an owner index
 * owner  = string (new: it gets the next index, from 0) | index:uvarint (an owner seen before)
 * </pre>
 *
 * Inodes come in pre-order: the root first (a directory with an empty name), each directory
 * followed by its {@code childCount} children's subtrees, children in name order. Strings,
 * varints and zig-zag are as in {@link EntryFormat}. No bytes follow the last inode.
 */
final class ImageFormat {
  /** Version 1: the first. */
  static final int VERSION = 1;
  static final int KIND_DIRECTORY = 1;
  static final int KIND_NEW_OWNER = 2;

  private ImageFormat() {}
}
