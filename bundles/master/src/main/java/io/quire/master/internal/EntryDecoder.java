package io.quire.master.internal;

import static io.quire.master.internal.EntryFormat.*;

import io.quire.master.internal.Mutation.CreateFile;
import io.quire.master.internal.Mutation.Delete;
import io.quire.master.internal.Mutation.Mkdir;
import io.quire.master.internal.Mutation.Rename;
import io.quire.master.internal.Mutation.SetAttributes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes entries of the {@link EntryFormat} grammar. Not thread-safe: replay uses one instance.
 * Owner names go through {@link SharedStrings}: millions of inodes have a handful of owners.
 * Replay decodes every entry of the journal, so the common case allocates only what the
 * mutation keeps: paths are split straight from the entry's bytes ({@link FsPath#parseUtf8}) and
 * an owner equal to the previous entry's is recognised by its bytes.
 */
final class EntryDecoder {
  private final SharedStrings owners;
  private byte[] scratch = new byte[256];
  private String lastOwner;
  private byte[] lastOwnerBytes;
  // where readStringBytes left the bytes of the string just read
  private byte[] data;
  private int dataOffset;
  private ByteBuffer in;
  private int start;
  private String op;

  EntryDecoder(SharedStrings owners) {
    this.owners = owners;
  }

  /** Decodes the remaining bytes of {@code entry}; its position is left unspecified. */
  Mutation decode(ByteBuffer entry) throws MalformedEntryException {
    in = entry;
    start = entry.position();
    op = "entry";
    int version = readByte("version");
    if (version != VERSION) {
      throw new MalformedEntryException("entry version " + version
          + " is not supported (this master reads version " + VERSION + ")");
    }
    int opcode = readByte("opcode");
    op = opcodeName(opcode);
    Mutation m = switch (opcode) {
      case MKDIR -> readMkdir();
      case CREATE_FILE -> new CreateFile(readPath("path"), readOwner(), readMode(),
          readSigned("mtime"), readUnsigned("id"));
      case RENAME -> new Rename(readPath("path"), readPath("destination"), readSigned("mtime"));
      case DELETE -> readDelete();
      case SET_ATTRIBUTES -> readSetAttributes();
      default -> throw new MalformedEntryException("unknown opcode " + opcode);
    };
    if (in.hasRemaining()) {
      throw new MalformedEntryException(in.remaining() + " bytes follow the end of " + op);
    }
    return m;
  }

  private Mkdir readMkdir() throws MalformedEntryException {
    int flags = readFlags(FLAG_PARENTS);
    return new Mkdir(readPath("path"), (flags & FLAG_PARENTS) != 0, readOwner(), readMode(),
        readSigned("mtime"), readUnsigned("firstId"));
  }

  private Delete readDelete() throws MalformedEntryException {
    int flags = readFlags(FLAG_RECURSIVE);
    return new Delete(readPath("path"), (flags & FLAG_RECURSIVE) != 0, readSigned("mtime"));
  }

  private SetAttributes readSetAttributes() throws MalformedEntryException {
    int mask = readFlags(MASK_OWNER | MASK_MODE | MASK_MTIME);
    FsPath path = readPath("path");
    String owner = (mask & MASK_OWNER) != 0 ? readOwner() : null;
    int mode = (mask & MASK_MODE) != 0 ? readMode() : -1;
    Long mtime = (mask & MASK_MTIME) != 0 ? readSigned("mtime") : null;
    return new SetAttributes(path, owner, mode, mtime);
  }

  private int readFlags(int allowed) throws MalformedEntryException {
    int flags = readByte("flags");
    if ((flags & ~allowed) != 0) {
      throw problem("flags", "unknown flag bits 0x" + Integer.toHexString(flags & ~allowed));
    }
    return flags;
  }

  private FsPath readPath(String field) throws MalformedEntryException {
    int n = readStringBytes(field);
    try {
      return FsPath.parseUtf8(data, dataOffset, n);
    } catch (NamespaceException e) {
      throw problem(field, e.getMessage());
    }
  }

  private String readOwner() throws MalformedEntryException {
    int n = readStringBytes("owner");
    if (lastOwner == null || !Arrays.equals(data, dataOffset, dataOffset + n, lastOwnerBytes, 0,
        lastOwnerBytes.length)) {
      lastOwner = owners.share(new String(data, dataOffset, n, StandardCharsets.UTF_8));
      lastOwnerBytes = Arrays.copyOfRange(data, dataOffset, dataOffset + n);
    }
    return lastOwner;
  }

  private int readMode() throws MalformedEntryException {
    long mode = readUnsigned("mode");
    if (mode > MAX_MODE) {
      throw problem("mode", "0" + Long.toOctalString(mode) + " is above 07777");
    }
    return (int) mode;
  }

  /**
   * Reads a string's length and moves past its bytes, leaving them at {@code data} from
   * {@code dataOffset} (the entry's own array, or a copy in the scratch buffer).
   *
   * @return the number of bytes
   */
  private int readStringBytes(String field) throws MalformedEntryException {
    long length = readUnsigned(field + " length");
    if (length > MAX_STRING_BYTES) {
      throw problem(field, "length " + length + " exceeds " + MAX_STRING_BYTES);
    }
    int n = (int) length;
    if (in.remaining() < n) {
      throw problem(field, "needs " + n + " bytes but only " + in.remaining() + " remain");
    }
    if (in.hasArray()) {
      data = in.array();
      dataOffset = in.arrayOffset() + in.position();
      in.position(in.position() + n);
    } else {
      if (scratch.length < n) {
        scratch = new byte[Math.max(n, scratch.length * 2)];
      }
      in.get(scratch, 0, n);
      data = scratch;
      dataOffset = 0;
    }
    return n;
  }

  private long readSigned(String field) throws MalformedEntryException {
    long raw = readUnsigned(field);
    return (raw >>> 1) ^ -(raw & 1);
  }

  private long readUnsigned(String field) throws MalformedEntryException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      long b = readByte(field);
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw problem(field, "varint longer than 10 bytes");
  }

  private int readByte(String field) throws MalformedEntryException {
    if (!in.hasRemaining()) {
      throw problem(field, "entry ends early (truncated)");
    }
    return in.get() & 0xFF;
  }

  private MalformedEntryException problem(String field, String what) {
    return new MalformedEntryException(op + " field '" + field + "' at byte "
        + (in.position() - start) + ": " + what);
  }
}
