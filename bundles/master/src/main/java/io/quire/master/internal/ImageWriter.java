package io.quire.master.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a {@link NamespaceSnapshot} as an {@link ImageFormat} image. The snapshot is immutable,
 * so this runs on any thread while the namespace goes on changing.
 */
final class ImageWriter {
  private final OutputStream out;
  private final byte[] buffer = new byte[64 << 10];
  private final Map<String, Integer> owners = new HashMap<>();
  private int filled;
  private long written;

  private ImageWriter(OutputStream out) {
    this.out = out;
  }

  /** @return the number of inodes written (the image's records) */
  static long write(NamespaceSnapshot snapshot, OutputStream out) throws IOException {
    ImageWriter w = new ImageWriter(out);
    w.writeByte(ImageFormat.VERSION);
    w.writeUnsigned(snapshot.nextInodeId());
    w.writeUnsigned(snapshot.inodeCount());
    w.writeSubtree(snapshot.root());
    w.flush();
    if (w.written != snapshot.inodeCount()) {
      throw new IllegalStateException("wrote " + w.written + " inodes, the root counts "
          + snapshot.inodeCount());
    }
    return w.written;
  }

  private void writeSubtree(Inode inode) throws IOException {
    writeInode(inode);
    if (inode.isDirectory()) {
      for (Inode child : inode.children()) {
        writeSubtree(child);
      }
    }
  }

  private void writeInode(Inode inode) throws IOException {
    Integer ownerIndex = owners.get(inode.owner());
    int kind = (inode.isDirectory() ? ImageFormat.KIND_DIRECTORY : 0)
        | (ownerIndex == null ? ImageFormat.KIND_NEW_OWNER : 0);
    writeByte(kind);
    writeUnsigned(inode.id());
    writeString(inode.name());
    if (ownerIndex == null) {
      owners.put(inode.owner(), owners.size());
      writeString(inode.owner());
    } else {
      writeUnsigned(ownerIndex);
    }
    writeUnsigned(inode.mode());
    writeUnsigned((inode.mtime() << 1) ^ (inode.mtime() >> 63));
    if (inode.isDirectory()) {
      writeUnsigned(inode.childCount());
    }
    written++;
  }

  private void writeString(String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    writeUnsigned(bytes.length);
    if (bytes.length > buffer.length - filled) {
      flush();
    }
    System.arraycopy(bytes, 0, buffer, filled, bytes.length);
    filled += bytes.length;
  }

  private void writeUnsigned(long value) throws IOException {
    if (buffer.length - filled < 10) {
      flush();
    }
    while ((value & ~0x7FL) != 0) {
      buffer[filled++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[filled++] = (byte) value;
  }

  private void writeByte(int b) throws IOException {
    if (filled == buffer.length) {
      flush();
    }
    buffer[filled++] = (byte) b;
  }

  private void flush() throws IOException {
    out.write(buffer, 0, filled);
    filled = 0;
  }
}
