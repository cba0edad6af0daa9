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
 * an owner equal to the previous entry's is recognised by its bytes. For the entries that are
 * most of any journal, creations, {@link #decodeCreation} goes further and builds nothing at all.
 *
 * <p>Fields are read from the entry's array with an index of their own (an entry without an
 * array is copied once), and the entry's position stays as it was. Reading through the buffer's
 * position took an eighth of replay's CPU samples (JFR, {@code ReplayBench}); with the index,
 * the first million entries of a cold JVM took 500-700 ms of thread CPU instead of 690-960.
 */
final class EntryDecoder {
  private final SharedStrings owners;
  private final Creation creation = new Creation();
  private byte[] scratch = new byte[256]; // a copy of an entry that has no array
  private String lastOwner;
  private byte[] lastOwnerBytes;
  // the entry being decoded: bytes[start, end), the next field at bytes[at]
  private byte[] bytes;
  private int start;
  private int at;
  private int end;
  private int stringStart; // where readStringBytes found the bytes of the string just read
  private String op;

  EntryDecoder(SharedStrings owners) {
    this.owners = owners;
  }

  /** Decodes the remaining bytes of {@code entry}, leaving its position as it is. */
  Mutation decode(ByteBuffer entry) throws MalformedEntryException {
    open(entry);
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
          readSigned("mtime"), readUnsigned("id", ""));
      case RENAME -> new Rename(readPath("path"), readPath("destination"), readSigned("mtime"));
      case DELETE -> readDelete();
      case SET_ATTRIBUTES -> readSetAttributes();
      default -> throw new MalformedEntryException("unknown opcode " + opcode);
    };
    if (at < end) {
      throw new MalformedEntryException((end - at) + " bytes follow the end of " + op);
    }
    return m;
  }

  /**
   * Replay's shortcut: if {@code entry} is a well-formed MKDIR or CREATE_FILE whose path is ASCII
   * in normal form and not the root, reads its fields into {@link #creation()} (no mutation, no
   * path or name strings) and returns true; otherwise returns false, and {@link #decode} builds
   * the mutation, normalizing the path or naming the problem. The entry's position stays as it
   * is; the path bytes are valid until the next call.
   */
  boolean decodeCreation(ByteBuffer entry) {
    open(entry);
    if (end - start < 2 || bytes[start] != VERSION
        || (bytes[start + 1] != MKDIR && bytes[start + 1] != CREATE_FILE)) {
      return false;
    }
    Creation c = creation;
    c.directory = bytes[start + 1] == MKDIR;
    op = opcodeName(bytes[start + 1]);
    at = start + 2;
    try {
      c.parents = c.directory && (readFlags(FLAG_PARENTS) & FLAG_PARENTS) != 0;
      c.pathLength = readStringBytes("path");
      c.pathBytes = bytes;
      c.pathOffset = stringStart;
      c.depth = FsPath.countNormalAsciiNames(bytes, stringStart, c.pathLength);
      if (c.depth < 0) {
        return false;
      }
      c.owner = readOwner();
      c.mode = readMode();
      c.mtime = readSigned("mtime");
      c.id = readUnsigned(c.directory ? "firstId" : "id", "");
      return at == end;
    } catch (MalformedEntryException e) {
      return false; // decode reports it
    }
  }

  /** What the last {@link #decodeCreation} that returned true read. */
  Creation creation() {
    return creation;
  }

  /** Points the reader at the entry's bytes, in its own array or a copy. */
  private void open(ByteBuffer entry) {
    int n = entry.remaining();
    if (entry.hasArray()) {
      bytes = entry.array();
      start = entry.arrayOffset() + entry.position();
    } else {
      if (scratch.length < n) {
        scratch = new byte[Math.max(n, scratch.length * 2)];
      }
      entry.get(entry.position(), scratch, 0, n);
      bytes = scratch;
      start = 0;
    }
    at = start;
    end = start + n;
  }

  private Mkdir readMkdir() throws MalformedEntryException {
    int flags = readFlags(FLAG_PARENTS);
    return new Mkdir(readPath("path"), (flags & FLAG_PARENTS) != 0, readOwner(), readMode(),
        readSigned("mtime"), readUnsigned("firstId", ""));
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
      return FsPath.parseUtf8(bytes, stringStart, n);
    } catch (NamespaceException e) {
      throw problem(field, e.getMessage());
    }
  }

  private String readOwner() throws MalformedEntryException {
    int n = readStringBytes("owner");
    if (lastOwner == null || !Arrays.equals(bytes, stringStart, stringStart + n, lastOwnerBytes,
        0, lastOwnerBytes.length)) {
      lastOwner = owners.share(new String(bytes, stringStart, n, StandardCharsets.UTF_8));
      lastOwnerBytes = Arrays.copyOfRange(bytes, stringStart, stringStart + n);
    }
    return lastOwner;
  }

  private int readMode() throws MalformedEntryException {
    long mode = readUnsigned("mode", "");
    if (mode > MAX_MODE) {
      throw problem("mode", "0" + Long.toOctalString(mode) + " is above 07777");
    }
    return (int) mode;
  }

  /**
   * Reads a string's length and moves past its bytes, leaving their start in
   * {@code stringStart}.
   *
   * @return the number of bytes
   */
  private int readStringBytes(String field) throws MalformedEntryException {
    long length = readUnsigned(field, " length");
    if (length > MAX_STRING_BYTES) {
      throw problem(field, "length " + length + " exceeds " + MAX_STRING_BYTES);
    }
    int n = (int) length;
    if (end - at < n) {
      throw problem(field, "needs " + n + " bytes but only " + (end - at) + " remain");
    }
    stringStart = at;
    at += n;
    return n;
  }

  private long readSigned(String field) throws MalformedEntryException {
    long raw = readUnsigned(field, "");
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** @param suffix completes the field's name in a message; apart, so that none is built */
  private long readUnsigned(String field, String suffix) throws MalformedEntryException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at == end) {
        throw problem(field + suffix, "entry ends early (truncated)");
      }
      byte b = bytes[at++];
      value |= (b & 0x7FL) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw problem(field + suffix, "varint longer than 10 bytes");
  }

  private int readByte(String field) throws MalformedEntryException {
    if (at == end) {
      throw problem(field, "entry ends early (truncated)");
    }
    return bytes[at++] & 0xFF;
  }

  private MalformedEntryException problem(String field, String what) {
    return new MalformedEntryException(op + " field '" + field + "' at byte " + (at - start)
        + ": " + what);
  }

  /**
   * A MKDIR or CREATE_FILE entry as {@link #decodeCreation} read it, the same object each time:
   * what {@link Mkdir} or {@link CreateFile} would hold, with the path as bytes.
   */
  static final class Creation {
    boolean directory; // MKDIR, else CREATE_FILE
    boolean parents;
    byte[] pathBytes;
    int pathOffset;
    int pathLength;
    int depth; // the path's number of names
    String owner;
    int mode;
    long mtime;
    long id; // a MKDIR's firstId
  }
}
