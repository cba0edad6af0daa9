package io.quire.journal.internal;

import io.quire.journal.JournalFormat;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.CRC32C;

/** Encodes segment headers and records (grammar in {@link JournalFormat}). */
public final class RecordEncoder {

  private RecordEncoder() {}

  public static ByteBuffer segmentHeader(long firstSequence, UUID clusterId) {
    ByteBuffer header = ByteBuffer.allocate(JournalFormat.SEGMENT_HEADER_BYTES);
    header.putInt(JournalFormat.SEGMENT_MAGIC).putShort((short) JournalFormat.VERSION)
        .putShort((short) 0).putLong(firstSequence)
        .putLong(clusterId.getMostSignificantBits()).putLong(clusterId.getLeastSignificantBits());
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, header.position());
    header.putInt((int) crc.getValue());
    return header.flip();
  }

  /** Writes one record at {@code target}'s position; the caller ensures it has room. */
  public static void putRecord(ByteBuffer target, long sequence, byte[] entry) {
    target.putInt(entry.length).putInt(recordCrc(sequence, entry, 0, entry.length))
        .putLong(sequence).put(entry);
  }

  /** CRC32C over the sequence number (big-endian) and the payload. */
  public static int recordCrc(long sequence, byte[] payload, int offset, int length) {
    CRC32C crc = new CRC32C();
    for (int shift = 56; shift >= 0; shift -= 8) {
      crc.update((int) (sequence >>> shift));
    }
    crc.update(payload, offset, length);
    return (int) crc.getValue();
  }

  public static int recordBytes(byte[] entry) {
    return JournalFormat.RECORD_HEADER_BYTES + entry.length;
  }
}
