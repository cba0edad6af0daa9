package io.quire.journal.internal;

import io.quire.journal.CorruptJournalException;
import io.quire.journal.JournalFormat;
import io.quire.journal.JournalMoved;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes a folder's moved record, a {@link CheckedText} file. */
public final class MovedRecordCodec {

  private MovedRecordCodec() {}

  public static byte[] encode(JournalMoved moved) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("moved.to", moved.to());
    fields.put("cluster.id", moved.clusterId());
    fields.put("last.sequence", String.valueOf(moved.lastSequence()));
    fields.put("moved.at", moved.at().toString());
    return CheckedText.encode(fields);
  }

  public static JournalMoved decode(byte[] content) throws CorruptJournalException {
    Map<String, String> fields = CheckedText.decode(JournalFormat.MOVED, content);
    String to = fields.get("moved.to");
    if (to == null || to.isEmpty()) {
      throw new CorruptJournalException(JournalFormat.MOVED, 0, 0, "no moved.to field");
    }
    try {
      return new JournalMoved(to, fields.getOrDefault("cluster.id", ""),
          Long.parseLong(fields.getOrDefault("last.sequence", "")),
          Instant.parse(fields.getOrDefault("moved.at", "")));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new CorruptJournalException(JournalFormat.MOVED, 0, 0, "malformed field: " + e.getMessage());
    }
  }
}
