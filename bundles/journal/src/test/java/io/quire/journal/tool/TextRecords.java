package io.quire.journal.tool;

import java.io.DataInputStream;
import java.io.EOFException;

/** The state records of the tool tests: each a UTF string, rendered as its own line. */
final class TextRecords {

  /** A checkpoint renderer like the master's, for state files whose records are UTF strings. */
  static final CheckpointRenderer RENDERER = (source, header, body, lines) -> {
    DataInputStream in = new DataInputStream(body);
    for (long records = 0; ; records++) {
      try {
        lines.accept(in.readUTF());
      } catch (EOFException end) {
        return records;
      }
    }
  };

  private TextRecords() {}
}
