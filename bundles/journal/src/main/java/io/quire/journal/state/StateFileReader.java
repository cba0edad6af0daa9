package io.quire.journal.state;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Reads one state file from a stream, checking as it goes: the header on {@link #open}, each
 * chunk's checksum before any of its bytes reach {@link #body()}, and the end (entry count,
 * body length, body checksum, nothing after it) on {@link #finish}. A failed check is a
 * {@link CorruptStateFileException} naming the source and the offset; a stream that ends early
 * is one too ("truncated"). Not thread-safe; does not close the stream.
 */
public final class StateFileReader {
  private final InputStream in;
  private final String source;
  private final StateFileHeader header;
  private final CRC32C bodyCrc = new CRC32C();
  private final Body body = new Body();
  private byte[] chunk = new byte[StateFileFormat.CHUNK_BYTES];
  private int chunkLength;
  private int chunkPosition;
  private long offset;
  private long bodyBytes;
  private boolean atEnd;
  private long entries = -1;

  private StateFileReader(InputStream in, String source) throws IOException {
    this.in = in;
    this.source = source;
    byte[] h = new byte[StateFileFormat.HEADER_BYTES];
    int n = in.readNBytes(h, 0, h.length);
    if (n == 0) {
      throw corrupt("the file is empty; a state file starts with a "
          + StateFileFormat.HEADER_BYTES + "-byte header");
    }
    if (n < h.length) {
      throw corrupt("truncated: " + n + " bytes, shorter than the "
          + StateFileFormat.HEADER_BYTES + "-byte header");
    }
    ByteBuffer b = ByteBuffer.wrap(h);
    int magic = b.getInt();
    if (magic != StateFileFormat.MAGIC) {
      throw corrupt(String.format("not a Quire state file: magic 0x%08x, expected 0x%08x",
          magic, StateFileFormat.MAGIC));
    }
    if (b.getInt(40) != StateFileWriter.crc(h, 0, 40)) {
      throw corrupt("header checksum mismatch");
    }
    int version = Short.toUnsignedInt(b.getShort());
    if (version != StateFileFormat.VERSION) {
      throw corrupt("format version " + version + ", this Quire reads version "
          + StateFileFormat.VERSION + (version > StateFileFormat.VERSION
              ? " (written by a newer Quire)" : ""));
    }
    int kindCode = Short.toUnsignedInt(b.getShort());
    StateFileHeader.Kind kind = StateFileHeader.Kind.of(kindCode);
    if (kind == null) {
      throw corrupt("unknown state file kind " + kindCode);
    }
    long sequence = b.getLong();
    UUID cluster = new UUID(b.getLong(), b.getLong());
    header = new StateFileHeader(kind, version, sequence, cluster, b.getLong());
    offset = h.length;
  }

  /** Reads and checks the header. */
  public static StateFileReader open(InputStream in, String source) throws IOException {
    return new StateFileReader(in, source);
  }

  public StateFileHeader header() {
    return header;
  }

  /** The body's bytes, each chunk checked before it is handed out; -1 at the end. */
  public InputStream body() {
    return body;
  }

  /**
   * Reads whatever of the body is left, then checks the end.
   *
   * @return the number of records the writer said the body holds
   */
  public long finish() throws IOException {
    while (!atEnd) {
      chunkPosition = chunkLength;
      nextChunk();
    }
    return entries;
  }

  /** Body bytes handed out or skipped so far. */
  public long bodyBytes() {
    return bodyBytes;
  }

  private void nextChunk() throws IOException {
    long at = offset;
    int length = readInt();
    if (length == 0) {
      readEnd(at);
      return;
    }
    int crc = readInt();
    if (length < 0 || length > StateFileFormat.MAX_CHUNK_BYTES) {
      throw new CorruptStateFileException(source, at, "chunk length " + Integer.toUnsignedString(
          length) + " is outside 1.." + StateFileFormat.MAX_CHUNK_BYTES);
    }
    if (chunk.length < length) {
      chunk = new byte[length];
    }
    readFully(chunk, length);
    CRC32C c = new CRC32C();
    c.update(chunk, 0, length);
    if ((int) c.getValue() != crc) {
      throw new CorruptStateFileException(source, at, "chunk checksum mismatch");
    }
    bodyCrc.update(chunk, 0, length);
    chunkLength = length;
    chunkPosition = 0;
    bodyBytes += length;
  }

  private void readEnd(long at) throws IOException {
    byte[] end = new byte[StateFileFormat.END_BYTES - 4];
    readFully(end, end.length);
    ByteBuffer b = ByteBuffer.wrap(end);
    if (b.getInt(20) != StateFileWriter.crc(end, 0, 20)) {
      throw new CorruptStateFileException(source, at, "end record checksum mismatch");
    }
    long count = b.getLong();
    long length = b.getLong();
    int crc = b.getInt();
    if (length != bodyBytes) {
      throw new CorruptStateFileException(source, at, "the end says the body holds " + length
          + " bytes, but " + bodyBytes + " were read");
    }
    if (crc != (int) bodyCrc.getValue()) {
      throw new CorruptStateFileException(source, at, "body checksum mismatch");
    }
    if (in.read() != -1) {
      throw new CorruptStateFileException(source, offset, "bytes follow the end record");
    }
    entries = count;
    atEnd = true;
    chunkLength = 0;
    chunkPosition = 0;
  }

  private int readInt() throws IOException {
    byte[] b = new byte[4];
    readFully(b, 4);
    return ByteBuffer.wrap(b).getInt();
  }

  private void readFully(byte[] into, int length) throws IOException {
    int n;
    try {
      n = in.readNBytes(into, 0, length);
    } catch (EOFException e) {
      n = -1;
    } catch (java.util.zip.ZipException e) {
      // a decompressing stream (a gzipped backup) found damaged bytes
      throw new CorruptStateFileException(source, offset, "unreadable: " + e.getMessage());
    }
    if (n < length) {
      throw new CorruptStateFileException(source, offset + Math.max(n, 0),
          "truncated: the file ends before the end record");
    }
    offset += length;
  }

  private CorruptStateFileException corrupt(String problem) {
    return new CorruptStateFileException(source, 0, problem);
  }

  private final class Body extends InputStream {
    @Override
    public int read() throws IOException {
      if (!fill()) {
        return -1;
      }
      return chunk[chunkPosition++] & 0xff;
    }

    @Override
    public int read(byte[] into, int at, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(length, chunkLength - chunkPosition);
      System.arraycopy(chunk, chunkPosition, into, at, n);
      chunkPosition += n;
      return n;
    }

    private boolean fill() throws IOException {
      while (chunkPosition == chunkLength) {
        if (atEnd) {
          return false;
        }
        nextChunk();
      }
      return true;
    }
  }
}
