package io.quire.journal.state;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Writes one state file to a stream: the header at once, the body through {@link #body()} in
 * checksummed chunks, the end on {@link #finish}. Never closes the sink: making the bytes
 * durable and naming the file are the caller's. Not thread-safe.
 */
public final class StateFileWriter {
  private final OutputStream sink;
  private final byte[] chunk = new byte[StateFileFormat.CHUNK_BYTES];
  private final CRC32C chunkCrc = new CRC32C();
  private final CRC32C bodyCrc = new CRC32C();
  private final Body body = new Body();
  private int filled;
  private long bodyBytes;
  private long written;
  private boolean finished;

  public StateFileWriter(OutputStream sink, StateFileHeader header) throws IOException {
    this.sink = sink;
    ByteBuffer b = ByteBuffer.allocate(StateFileFormat.HEADER_BYTES);
    b.putInt(StateFileFormat.MAGIC).putShort((short) StateFileFormat.VERSION)
        .putShort((short) header.kind().code()).putLong(header.sequence())
        .putLong(header.clusterId().getMostSignificantBits())
        .putLong(header.clusterId().getLeastSignificantBits()).putLong(header.createdMillis());
    b.putInt(crc(b.array(), 0, b.position()));
    write(b.array(), 0, b.capacity());
  }

  /** Where the state's records go. Closing it does nothing; call {@link #finish}. */
  public OutputStream body() {
    return body;
  }

  /**
   * Writes the last chunk and the end, and flushes the sink.
   *
   * @param entries how many records the body holds, as its writer counted them
   * @return bytes written in all
   */
  public long finish(long entries) throws IOException {
    if (finished) {
      throw new IllegalStateException("the state file is already finished");
    }
    emitChunk();
    ByteBuffer b = ByteBuffer.allocate(StateFileFormat.END_BYTES);
    b.putInt(0).putLong(entries).putLong(bodyBytes).putInt((int) bodyCrc.getValue());
    b.putInt(crc(b.array(), 4, 20));
    write(b.array(), 0, b.capacity());
    sink.flush();
    finished = true;
    return written;
  }

  private void emitChunk() throws IOException {
    if (filled == 0) {
      return;
    }
    chunkCrc.reset();
    chunkCrc.update(chunk, 0, filled);
    bodyCrc.update(chunk, 0, filled);
    byte[] head = ByteBuffer.allocate(StateFileFormat.CHUNK_HEADER_BYTES).putInt(filled)
        .putInt((int) chunkCrc.getValue()).array();
    write(head, 0, head.length);
    write(chunk, 0, filled);
    bodyBytes += filled;
    filled = 0;
  }

  private void write(byte[] bytes, int offset, int length) throws IOException {
    sink.write(bytes, offset, length);
    written += length;
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C c = new CRC32C();
    c.update(bytes, offset, length);
    return (int) c.getValue();
  }

  private final class Body extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      if (filled == chunk.length) {
        emitChunk();
      }
      chunk[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (finished) {
        throw new IOException("the state file is already finished");
      }
      while (length > 0) {
        if (filled == chunk.length) {
          emitChunk();
        }
        int n = Math.min(length, chunk.length - filled);
        System.arraycopy(bytes, offset, chunk, filled, n);
        filled += n;
        offset += n;
        length -= n;
      }
    }
  }
}
