package io.quire.master.internal;

/**
 * The binary grammar of one master journal entry (the journal adds framing, sequence number and
 * checksum around it). Written once here and in {@code docs/master-entries.md}.
 *
 * <pre>
 * entry       = version:u8 opcode:u8 body            ; no bytes may follow the body
 * MKDIR       = 1: flags:u8 path owner mode mtime firstId   ; flags bit 0: create parents
 * CREATE_FILE = 2: path owner mode mtime id
 * RENAME      = 3: path destination mtime
 * DELETE      = 4: flags:u8 path mtime                      ; flags bit 0: recursive
 * SET_ATTRS   = 5: mask:u8 path [owner] [mode] [mtime]      ; mask bits 0,1,2: owner, mode, mtime present
 * path, owner = string
 * string      = length:uvarint utf8-bytes
 * mode        = uvarint                ; permission bits, at most 07777
 * mtime       = svarint                ; epoch millis, zig-zag so that any long fits
 * firstId, id = uvarint                ; inode ids, allocated by a counter replay reproduces
 * uvarint     = LEB128: 7 bits a byte, least significant first, high bit set on all but the last
 * </pre>
 */
final class EntryFormat {
  /** Version 1: the first grammar (the five opcodes above). */
  static final byte VERSION = 1;

  static final byte MKDIR = 1;
  static final byte CREATE_FILE = 2;
  static final byte RENAME = 3;
  static final byte DELETE = 4;
  static final byte SET_ATTRIBUTES = 5;

  static final int FLAG_PARENTS = 1;
  static final int FLAG_RECURSIVE = 1;
  static final int MASK_OWNER = 1;
  static final int MASK_MODE = 2;
  static final int MASK_MTIME = 4;

  static final int MAX_MODE = 07777;
  /** Longer strings cannot come from a valid path or owner; a larger length means corruption. */
  static final int MAX_STRING_BYTES = 4 * FsPath.MAX_PATH;

  private EntryFormat() {}

  static String opcodeName(int opcode) {
    return switch (opcode) {
      case MKDIR -> "MKDIR";
      case CREATE_FILE -> "CREATE_FILE";
      case RENAME -> "RENAME";
      case DELETE -> "DELETE";
      case SET_ATTRIBUTES -> "SET_ATTRIBUTES";
      default -> "opcode " + opcode;
    };
  }
}
