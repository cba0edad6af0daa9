package io.quire.master.internal;

import io.quire.journal.state.CorruptStateFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a {@link NamespaceSnapshot} from an {@link ImageFormat} image, bottom-up: each
 * directory's children arrive in name order, so its children map is built once from a sorted
 * array, with no lookups and no copies. Checks what a damaged or foreign image could get wrong
 * (counts, order, names, ids, modes) and reports it as a {@link CorruptStateFileException}
 * naming the inode; the caller's container has already checked the checksums.
 */
final class ImageReader {
  private final InputStream in;
  private final String source;
  private final SharedStrings sharedOwners;
  private final List<String> owners = new ArrayList<>();
  private final byte[] buffer = new byte[64 << 10];
  private int position;
  private int limit;
  private long read; // inodes read
  private long count;
  private long nextInodeId;

  private ImageReader(InputStream in, String source, SharedStrings owners) {
    this.in = in;
    this.source = source;
    this.sharedOwners = owners;
  }

  /**
   * @param sequence the journal sequence number the image corresponds to
   * @throws CorruptStateFileException the image is malformed
   */
  static NamespaceSnapshot read(InputStream in, String source, long sequence,
      SharedStrings owners) throws IOException {
    ImageReader r = new ImageReader(in, source, owners);
    int version = r.readByte();
    if (version != ImageFormat.VERSION) {
      throw r.corrupt("namespace image version " + version + ", this master reads version "
          + ImageFormat.VERSION);
    }
    r.nextInodeId = r.readUnsigned();
    r.count = r.readUnsigned();
    if (r.count < 1) {
      throw r.corrupt("the image holds no root directory");
    }
    Inode root = r.readTree();
    if (r.read != r.count || r.position < r.limit || in.read() != -1) {
      throw r.corrupt("bytes follow the last of the " + r.count + " inodes");
    }
    return new NamespaceSnapshot(root, sequence, r.nextInodeId);
  }

  /** A directory whose children are still being read. */
  private static final class Pending {
    final long id;
    final String name;
    final String owner;
    final int mode;
    final long mtime;
    final Inode[] children;
    int filled;
    long subtreeSize = 1;

    Pending(long id, String name, String owner, int mode, long mtime, int childCount) {
      this.id = id;
      this.name = name;
      this.owner = owner;
      this.mode = mode;
      this.mtime = mtime;
      this.children = new Inode[childCount];
    }

    Inode build() {
      return Inode.restoredDirectory(id, name, owner, mode, mtime,
          ChildMap.fromSorted(children), subtreeSize);
    }
  }

  private Inode readTree() throws IOException {
    ArrayDeque<Pending> open = new ArrayDeque<>();
    Object first = readInode();
    if (!(first instanceof Pending root) || !root.name.isEmpty()) {
      throw corrupt("the first inode is not the root directory");
    }
    open.push(root);
    while (true) {
      Pending top = open.peek();
      if (top.filled == top.children.length) {
        open.pop();
        Inode done = top.build();
        Pending parent = open.peek();
        if (parent == null) {
          return done;
        }
        add(parent, done);
        continue;
      }
      Object next = readInode();
      if (next instanceof Pending directory) {
        if (directory.name.isEmpty()) {
          throw corrupt("inode #" + directory.id + " has an empty name");
        }
        open.push(directory);
      } else {
        add(top, (Inode) next);
      }
    }
  }

  private void add(Pending parent, Inode child) throws IOException {
    if (parent.filled > 0
        && parent.children[parent.filled - 1].name().compareTo(child.name()) >= 0) {
      throw corrupt("the children of directory #" + parent.id + " are not in strict name order"
          + " at '" + child.name() + "'");
    }
    parent.children[parent.filled++] = child;
    parent.subtreeSize += child.subtreeSize();
  }

  /** @return an {@link Inode} for a file, a {@link Pending} for a directory */
  private Object readInode() throws IOException {
    if (read == count) {
      throw corrupt("the directories hold more children than the " + count + " inodes counted");
    }
    int kind = readByte();
    if ((kind & ~(ImageFormat.KIND_DIRECTORY | ImageFormat.KIND_NEW_OWNER)) != 0) {
      throw corrupt("inode record " + read + " has unknown kind bits " + kind);
    }
    long id = readUnsigned();
    if (id >= nextInodeId) {
      throw corrupt("inode #" + id + " is not below the next inode id " + nextInodeId);
    }
    String name = readString();
    if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || name.equals(".")
        || name.equals("..") || (name.isEmpty() && read > 0)) {
      throw corrupt("inode #" + id + " has an invalid name '" + name + "'");
    }
    String owner;
    if ((kind & ImageFormat.KIND_NEW_OWNER) != 0) {
      owner = sharedOwners.share(readString());
      owners.add(owner);
    } else {
      long index = readUnsigned();
      if (index >= owners.size()) {
        throw corrupt("inode #" + id + " names owner " + index + " of " + owners.size());
      }
      owner = owners.get((int) index);
    }
    long mode = readUnsigned();
    if (mode > EntryFormat.MAX_MODE) {
      throw corrupt("inode #" + id + " has mode " + Long.toOctalString(mode));
    }
    long zigzag = readUnsigned();
    long mtime = (zigzag >>> 1) ^ -(zigzag & 1);
    read++;
    if ((kind & ImageFormat.KIND_DIRECTORY) == 0) {
      return Inode.file(id, name, owner, (int) mode, mtime);
    }
    long children = readUnsigned();
    if (children > count - read) {
      throw corrupt("directory #" + id + " claims " + children + " children, more than the "
          + (count - read) + " inodes left");
    }
    return new Pending(id, name, owner, (int) mode, mtime, (int) children);
  }

  private String readString() throws IOException {
    long length = readUnsigned();
    if (length > EntryFormat.MAX_STRING_BYTES) {
      throw corrupt("a string of " + length + " bytes in inode record " + read);
    }
    int n = (int) length;
    if (limit - position < n) {
      refill(n);
    }
    String s = new String(buffer, position, n, StandardCharsets.UTF_8);
    position += n;
    return s;
  }

  private long readUnsigned() throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw corrupt("a varint longer than 10 bytes in inode record " + read);
  }

  private int readByte() throws IOException {
    if (position == limit) {
      refill(1);
    }
    return buffer[position++] & 0xFF;
  }

  /** Makes at least {@code needed} bytes available from {@code position}. */
  private void refill(int needed) throws IOException {
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
    while (limit < needed) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        throw corrupt("the image ends inside inode record " + read + " of " + count);
      }
      limit += n;
    }
  }

  private CorruptStateFileException corrupt(String problem) {
    return new CorruptStateFileException(source, -1, problem);
  }
}
