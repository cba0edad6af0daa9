package io.quire.journal.state;

import java.io.IOException;

/** A state file (checkpoint or backup) failed its checks; names the file and the offset. */
public class CorruptStateFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long offset;

  public CorruptStateFileException(String source, long offset, String problem) {
    super("'" + source + "'" + (offset >= 0 ? " at offset " + offset : "") + ": " + problem);
    this.source = source;
    this.offset = offset;
  }

  /** The file or URI that was read. */
  public String source() {
    return source;
  }

  /**
   * Byte offset (in the container, before any compression) where the problem was found; -1
   * when the state's owner found it in the records, past the container's checks.
   */
  public long offset() {
    return offset;
  }
}
