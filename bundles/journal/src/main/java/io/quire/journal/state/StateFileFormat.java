package io.quire.journal.state;

/**
 * The container of a state file, written down once (also in {@code docs/checkpoints.md}).
 *
 * <pre>
 * state-file = header chunk* end
 * header     = magic:u32 "QJST" | version:u16 | kind:u16 | sequence:u64 | clusterId:16 bytes
 *              | createdMillis:u64 | crc32c:u32 over the 40 bytes before
 * chunk      = length:u32 (1..{@value #MAX_CHUNK_BYTES}) | crc32c:u32 over the payload | payload
 * end        = 0:u32 | entries:u64 | bodyBytes:u64 | bodyCrc32c:u32 over every payload byte in
 *              order | crc32c:u32 over the 24 bytes before it (from entries on)
 * </pre>
 *
 * The payload bytes, concatenated, are the body: the state's own records, which only the state's
 * owner (the master) interprets; {@code entries} is how many records the owner says it wrote.
 * All integers are big-endian. Nothing may follow the end.
 */
public final class StateFileFormat {
  public static final int MAGIC = 0x514A5354; // "QJST"
  public static final int VERSION = 1;
  public static final int HEADER_BYTES = 44;
  public static final int CHUNK_HEADER_BYTES = 8;
  public static final int END_BYTES = 28;
  public static final int MAX_CHUNK_BYTES = 1 << 20;
  /** Chunk size the writer uses. */
  static final int CHUNK_BYTES = 64 << 10;

  private StateFileFormat() {}
}
