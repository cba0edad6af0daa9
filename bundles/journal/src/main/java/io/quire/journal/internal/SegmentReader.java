package io.quire.journal.internal;

import io.quire.journal.CorruptJournalException;
import io.quire.journal.EntryConsumer;
import io.quire.journal.JournalFormat;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Reads one segment record by record, checking each and telling a torn tail from corruption.
 *
 * <p>Reading stops at the first record that fails. What that failure means is decided by
 * {@link #classify}: only in the last (open) segment can a failure be a torn tail, because only
 * there can a crash have interrupted a write. A torn record is one that the file ends inside of,
 * or whose unreadable part is zero-filled (blocks a crash allocated but never wrote), with
 * nothing after it. Every other failure is corruption.
 */
public final class SegmentReader {

  private static final int BUFFER_BYTES = 2 * JournalFormat.MAX_ENTRY_BYTES;
  private static final int SECTOR = 512;

  /** Where reading stopped and why. */
  public record Outcome(long lastSequence, long records, long validLength, Failure failure) {}

  /** A record that failed its checks. */
  public record Failure(long offset, long sequence, String problem, boolean torn) {}

  private final JournalStorage storage;
  private final String name;
  private final long size;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private final ByteBuffer view = ByteBuffer.wrap(buffer);
  private InputStream in;
  private long bufferStart; // file offset of buffer[0]
  private int limit; // valid bytes in buffer
  private boolean eof;

  public SegmentReader(JournalStorage storage, String name) throws IOException {
    this.storage = storage;
    this.name = name;
    this.size = storage.size(name);
  }

  /**
   * Checks the header, then hands every valid record to {@code consumer}.
   *
   * @param expectedFirst the sequence number the segment must start with
   * @param canBeTorn whether this is the last segment, where a torn tail is possible
   */
  public Outcome read(long expectedFirst, UUID clusterId, boolean canBeTorn, EntryConsumer consumer)
      throws IOException {
    try (InputStream stream = storage.openRead(name, 0)) {
      this.in = stream;
      Failure headerFailure = checkHeader(expectedFirst, clusterId, canBeTorn);
      if (headerFailure != null) {
        return new Outcome(expectedFirst - 1, 0, 0, headerFailure);
      }
      return readRecords(JournalFormat.SEGMENT_HEADER_BYTES, expectedFirst, canBeTorn, consumer);
    }
  }

  /**
   * Goes on reading where an earlier reader of this segment stopped, for a follower of a
   * segment another master appends to: from {@code offset} (0: the header is not checked yet)
   * to the size the file had when this reader was made. The failure of an outcome from an open
   * segment may be a write in progress, not a torn tail: the caller decides.
   */
  public Outcome readFrom(long offset, long expectedSequence, long expectedFirst, UUID clusterId,
      EntryConsumer consumer) throws IOException {
    if (offset == 0) {
      return read(expectedFirst, clusterId, true, (sequence, entry) -> {
        if (sequence >= expectedSequence) {
          consumer.accept(sequence, entry);
        }
      });
    }
    try (InputStream stream = storage.openRead(name, offset)) {
      this.in = stream;
      this.bufferStart = offset;
      this.limit = 0;
      return readRecords(offset, expectedSequence, true, consumer);
    }
  }

  private Failure checkHeader(long expectedFirst, UUID clusterId, boolean canBeTorn)
      throws IOException {
    int header = JournalFormat.SEGMENT_HEADER_BYTES;
    if (!ensure(0, header)) {
      return new Failure(0, expectedFirst, "file ends inside the " + header + "-byte header ("
          + size + " bytes)", canBeTorn);
    }
    CRC32C crc = new CRC32C();
    crc.update(buffer, 0, header - 4);
    if ((int) crc.getValue() != view.getInt(header - 4)) {
      boolean zeros = isZero(0, header);
      return new Failure(0, expectedFirst, zeros ? "header is zero-filled"
          : "header checksum mismatch", canBeTorn && zeros && size == header);
    }
    String problem = null;
    if (view.getInt(0) != JournalFormat.SEGMENT_MAGIC) {
      problem = "not a segment: magic " + Integer.toHexString(view.getInt(0));
    } else if (view.getShort(4) > JournalFormat.VERSION) {
      problem = "segment format version " + view.getShort(4) + " is newer than this build's "
          + JournalFormat.VERSION;
    } else if (view.getLong(8) != expectedFirst) {
      problem = "header says first sequence " + view.getLong(8) + ", name says " + expectedFirst;
    } else if (clusterId != null && (view.getLong(16) != clusterId.getMostSignificantBits()
        || view.getLong(24) != clusterId.getLeastSignificantBits())) {
      problem = "segment belongs to another journal (cluster "
          + new UUID(view.getLong(16), view.getLong(24)) + ", this folder is " + clusterId + ")";
    }
    return problem == null ? null : new Failure(0, expectedFirst, problem, false);
  }

  private Outcome readRecords(long from, long expectedFirst, boolean canBeTorn,
      EntryConsumer consumer) throws IOException {
    long offset = from;
    long sequence = expectedFirst;
    long records = 0;
    while (offset < size) {
      int headerBytes = JournalFormat.RECORD_HEADER_BYTES;
      if (!ensure(offset, headerBytes)) {
        return stop(sequence, records, offset, "file ends inside a record header", canBeTorn, true);
      }
      int at = (int) (offset - bufferStart);
      int length = view.getInt(at);
      int crc = view.getInt(at + 4);
      long recordSequence = view.getLong(at + 8);
      if (length < 0 || length > JournalFormat.MAX_ENTRY_BYTES) {
        boolean zeros = isZero(at, headerBytes);
        return stop(sequence, records, offset, "record length " + length + " is out of range",
            canBeTorn, zeros && tailIsZero(offset));
      }
      if (!ensure(offset, headerBytes + length)) {
        return stop(sequence, records, offset, "file ends inside a record of " + length
            + " bytes", canBeTorn, true);
      }
      at = (int) (offset - bufferStart);
      int actual = RecordEncoder.recordCrc(recordSequence, buffer, at + headerBytes, length);
      if (actual != crc) {
        boolean tornShape = (offset + headerBytes + length == size
            && hasZeroSector(offset, headerBytes + length)) || tailIsZero(offset);
        return stop(sequence, records, offset, String.format(
            "checksum mismatch: expected %08x, computed %08x", crc, actual), canBeTorn, tornShape);
      }
      if (recordSequence != sequence) {
        return stop(sequence, records, offset, "expected sequence " + sequence + ", found "
            + recordSequence, canBeTorn, false);
      }
      consumer.accept(sequence, ByteBuffer.wrap(buffer, at + headerBytes, length).slice());
      offset += headerBytes + length;
      sequence++;
      records++;
    }
    return new Outcome(sequence - 1, records, offset, null);
  }

  private Outcome stop(long sequence, long records, long offset, String problem,
      boolean canBeTorn, boolean tornShape) {
    return new Outcome(sequence - 1, records, offset,
        new Failure(offset, sequence, problem, canBeTorn && tornShape));
  }

  /** Whether every byte from {@code offset} to the end of the file is zero. */
  private boolean tailIsZero(long offset) throws IOException {
    for (long at = offset; at < size; at += SECTOR) {
      int length = (int) Math.min(SECTOR, size - at);
      if (!ensure(at, length) || !isZero((int) (at - bufferStart), length)) {
        return false;
      }
    }
    return true;
  }

  /** Whether some file-aligned 512-byte sector inside the range is entirely zero. */
  private boolean hasZeroSector(long offset, int length) {
    long end = offset + length;
    for (long sector = (offset + SECTOR - 1) / SECTOR * SECTOR; sector < end; sector += SECTOR) {
      int span = (int) Math.min(SECTOR, end - sector);
      if (span == SECTOR || sector + span == size) {
        if (isZero((int) (sector - bufferStart), span)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean isZero(int from, int length) {
    for (int i = from; i < from + length; i++) {
      if (buffer[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Makes {@code length} bytes from file offset {@code offset} available in the buffer.
   *
   * @return false if the file ends first
   */
  private boolean ensure(long offset, int length) throws IOException {
    if (offset + length > size) {
      return false;
    }
    if (length > buffer.length) {
      throw new CorruptJournalException(name, offset, -1, "record of " + length
          + " bytes exceeds the reader's buffer");
    }
    if (offset >= bufferStart && offset + length <= bufferStart + limit) {
      return true;
    }
    long streamAt = bufferStart + limit;
    if (offset > streamAt) {
      in.skipNBytes(offset - streamAt);
      bufferStart = offset;
      limit = 0;
    }
    int keep = (int) Math.max(0, bufferStart + limit - offset);
    System.arraycopy(buffer, limit - keep, buffer, 0, keep);
    bufferStart = offset;
    limit = keep;
    while (limit < length && !eof) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
    }
    return limit >= length;
  }

  public String name() {
    return name;
  }

  public long size() {
    return size;
  }

  /** Turns an outcome's failure into the exception that stops a start. */
  public CorruptJournalException corruption(Failure failure) {
    return new CorruptJournalException(name, failure.offset(), failure.sequence(),
        failure.problem());
  }
}
