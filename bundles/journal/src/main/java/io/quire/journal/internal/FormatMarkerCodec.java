package io.quire.journal.internal;

import io.quire.journal.CorruptJournalException;
import io.quire.journal.FormatMarker;
import io.quire.journal.JournalFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads and writes the format marker: {@code key=value} lines, then {@code crc32c=<hex>} over
 * every byte before that line, so a half-written or edited marker is caught.
 */
public final class FormatMarkerCodec {

  private FormatMarkerCodec() {}

  public static byte[] encode(FormatMarker marker) {
    String body = "magic=" + JournalFormat.FORMAT_MAGIC + "\n"
        + "format.version=" + marker.formatVersion() + "\n"
        + "cluster.id=" + marker.clusterId() + "\n"
        + "created=" + marker.created() + "\n";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return (body + "crc32c=" + hex(crc(bytes, bytes.length)) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static FormatMarker decode(byte[] content) throws CorruptJournalException {
    String text = new String(content, StandardCharsets.UTF_8);
    int crcLine = text.lastIndexOf("crc32c=");
    if (crcLine < 0) {
      throw corrupt("no crc32c line");
    }
    String expected = text.substring(crcLine + "crc32c=".length()).trim();
    String actual = hex(crc(content, text.substring(0, crcLine).getBytes(StandardCharsets.UTF_8).length));
    if (!expected.equals(actual)) {
      throw corrupt("checksum mismatch: expected " + expected + ", computed " + actual);
    }
    Map<String, String> fields = new HashMap<>();
    for (String line : text.substring(0, crcLine).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
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

  private static long crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }

  private static String hex(long value) {
    return HexFormat.of().toHexDigits((int) value);
  }
}
