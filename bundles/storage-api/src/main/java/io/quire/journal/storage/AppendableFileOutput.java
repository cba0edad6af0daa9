package io.quire.journal.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * An {@link AppendableFile} as an output stream that appends through a buffer, so that many small
 * writes (a state's records) become few large appends. {@link #flush} appends what is buffered;
 * durability is still the file's {@link AppendableFile#sync}. Closing the stream does not close
 * the file.
 */
public final class AppendableFileOutput extends OutputStream {
  private final AppendableFile file;
  private final byte[] buffer;
  private int filled;
  private long written;

  public AppendableFileOutput(AppendableFile file, int bufferBytes) {
    this.file = file;
    this.buffer = new byte[bufferBytes];
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == buffer.length) {
      flush();
    }
    buffer[filled++] = (byte) b;
    written++;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    written += length;
    if (length >= buffer.length) {
      flush();
      file.append(ByteBuffer.wrap(bytes, offset, length));
      return;
    }
    if (length > buffer.length - filled) {
      flush();
    }
    System.arraycopy(bytes, offset, buffer, filled, length);
    filled += length;
  }

  @Override
  public void flush() throws IOException {
    if (filled > 0) {
      file.append(ByteBuffer.wrap(buffer, 0, filled));
      filled = 0;
    }
  }

  /** Bytes written to this stream so far (appended or still buffered). */
  public long written() {
    return written;
  }
}
