package io.quire.journal.internal;

import io.quire.journal.CorruptJournalException;
import io.quire.journal.FormatMarker;
import io.quire.journal.JournalFormat;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes the format marker, a {@link CheckedText} file. */
public final class FormatMarkerCodec {

  private FormatMarkerCodec() {}

  public static byte[] encode(FormatMarker marker) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("magic", JournalFormat.FORMAT_MAGIC);
    fields.put("format.version", String.valueOf(marker.formatVersion()));
    fields.put("cluster.id", marker.clusterId());
    fields.put("created", marker.created().toString());
    return CheckedText.encode(fields);
  }

  public static FormatMarker decode(byte[] content) throws CorruptJournalException {
    Map<String, String> fields = CheckedText.decode(JournalFormat.FORMAT_MARKER, content);
    if (!JournalFormat.FORMAT_MAGIC.equals(fields.get("magic"))) {
      throw corrupt("magic is '" + fields.get("magic") + "', expected " + JournalFormat.FORMAT_MAGIC);
    }
    try {
      int version = Integer.parseInt(fields.getOrDefault("format.version", ""));
      if (version > JournalFormat.VERSION) {
        throw corrupt("format version " + version + " is newer than this build understands ("
            + JournalFormat.VERSION + ")");
      }
      return new FormatMarker(fields.get("cluster.id"), version,
          Instant.parse(fields.getOrDefault("created", "")));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw corrupt("malformed field: " + e.getMessage());
    }
  }

  private static CorruptJournalException corrupt(String problem) {
    return new CorruptJournalException(JournalFormat.FORMAT_MARKER, 0, 0, problem);
  }
}
