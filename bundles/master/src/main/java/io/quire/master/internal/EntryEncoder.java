package io.quire.master.internal;

import static io.quire.master.internal.EntryFormat.*;

import io.quire.master.internal.Mutation.CreateFile;
import io.quire.master.internal.Mutation.Delete;
import io.quire.master.internal.Mutation.Mkdir;
import io.quire.master.internal.Mutation.Rename;
import io.quire.master.internal.Mutation.SetAttributes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes {@link Mutation}s in the {@link EntryFormat} grammar. Reuses one scratch buffer, so an
 * instance serves one thread at a time (the namespace's writer holds the state lock).
 */
final class EntryEncoder {
  private byte[] buffer = new byte[256];
  private int length;

  /** @return a new array holding exactly the entry */
  byte[] encode(Mutation m) {
    length = 0;
    writeByte(VERSION);
    if (m instanceof Mkdir mkdir) {
      writeByte(MKDIR);
      writeByte(mkdir.parents() ? FLAG_PARENTS : 0);
      writeCreation(mkdir.path(), mkdir.owner(), mkdir.mode(), mkdir.mtime(), mkdir.firstId());
    } else if (m instanceof CreateFile create) {
      writeByte(CREATE_FILE);
      writeCreation(create.path(), create.owner(), create.mode(), create.mtime(), create.id());
    } else if (m instanceof Rename rename) {
      writeByte(RENAME);
      writeString(rename.path().toString());
      writeString(rename.destination().toString());
      writeSigned(rename.mtime());
    } else if (m instanceof Delete delete) {
      writeByte(DELETE);
      writeByte(delete.recursive() ? FLAG_RECURSIVE : 0);
      writeString(delete.path().toString());
      writeSigned(delete.mtime());
    } else if (m instanceof SetAttributes set) {
      writeSetAttributes(set);
    } else {
      throw new IllegalArgumentException("unknown mutation " + m);
    }
    return Arrays.copyOf(buffer, length);
  }

  private void writeCreation(FsPath path, String owner, int mode, long mtime, long id) {
    writeString(path.toString());
    writeString(owner);
    writeUnsigned(mode);
    writeSigned(mtime);
    writeUnsigned(id);
  }

  private void writeSetAttributes(SetAttributes set) {
    writeByte(SET_ATTRIBUTES);
    int mask = (set.owner() != null ? MASK_OWNER : 0) | (set.mode() >= 0 ? MASK_MODE : 0)
        | (set.mtime() != null ? MASK_MTIME : 0);
    writeByte(mask);
    writeString(set.path().toString());
    if (set.owner() != null) {
      writeString(set.owner());
    }
    if (set.mode() >= 0) {
      writeUnsigned(set.mode());
    }
    if (set.mtime() != null) {
      writeSigned(set.mtime());
    }
  }

  private void writeString(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    writeUnsigned(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void writeSigned(long value) {
    writeUnsigned((value << 1) ^ (value >> 63));
  }

  private void writeUnsigned(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buffer[length++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[length++] = (byte) value;
  }

  private void writeByte(int b) {
    ensure(1);
    buffer[length++] = (byte) b;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
