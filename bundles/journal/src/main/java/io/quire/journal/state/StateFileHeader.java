package io.quire.journal.state;

import java.util.UUID;

/**
 * What a state file says about itself before its body.
 *
 * @param kind what the file is for
 * @param version the container's format version ({@link StateFileFormat#VERSION} when written)
 * @param sequence the journal sequence number the state corresponds to (every entry up to it
 *     applied, none after)
 * @param clusterId the journal's cluster id (from its format marker)
 * @param createdMillis when the file was written, epoch millis
 */
public record StateFileHeader(Kind kind, int version, long sequence, UUID clusterId,
    long createdMillis) {

  /** What a state file is for; a checkpoint is never mistaken for a backup or back. */
  public enum Kind {
    CHECKPOINT(1),
    BACKUP(2);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    int code() {
      return code;
    }

    static Kind of(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      return null;
    }
  }
}
