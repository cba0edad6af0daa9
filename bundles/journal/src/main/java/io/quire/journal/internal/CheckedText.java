package io.quire.journal.internal;

import io.quire.journal.CorruptJournalException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The small text files of a journal folder (the format marker, the moved record): {@code
 * key=value} lines, then {@code crc32c=<hex>} over every byte before that line, so that a
 * half-written or hand-edited file is caught.
 */
final class CheckedText {

  private CheckedText() {}

  static byte[] encode(Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach((key, value) -> body.append(key).append('=').append(value).append('\n'));
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return (body + "crc32c=" + hex(crc(bytes, bytes.length)) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The fields, in file order, once the checksum holds. */
  static Map<String, String> decode(String file, byte[] content) throws CorruptJournalException {
    String text = new String(content, StandardCharsets.UTF_8);
    int crcLine = text.lastIndexOf("crc32c=");
    if (crcLine < 0) {
      throw new CorruptJournalException(file, 0, 0, "no crc32c line");
    }
    String expected = text.substring(crcLine + "crc32c=".length()).trim();
    String body = text.substring(0, crcLine);
    String actual = hex(crc(content, body.getBytes(StandardCharsets.UTF_8).length));
    if (!expected.equals(actual)) {
      throw new CorruptJournalException(file, 0, 0,
          "checksum mismatch: expected " + expected + ", computed " + actual);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : body.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return fields;
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
