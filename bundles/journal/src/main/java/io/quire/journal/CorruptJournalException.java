package io.quire.journal;

import java.io.IOException;

/**
 * An entry or file failed its checks somewhere a crash cannot explain. Names the place so that an
 * operator can run {@code bin/quire journal verify} on it.
 */
public class CorruptJournalException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;
  private final long sequence;

  public CorruptJournalException(String file, long offset, long sequence, String problem) {
    super("corrupt journal in file '" + file + "' at offset " + offset + " (sequence " + sequence
        + "): " + problem + "; run 'bin/quire journal verify' on the journal folder");
    this.file = file;
    this.offset = offset;
    this.sequence = sequence;
  }

  public String file() {
    return file;
  }

  public long offset() {
    return offset;
  }

  /** The sequence number expected at {@link #offset()}. */
  public long sequence() {
    return sequence;
  }
}
