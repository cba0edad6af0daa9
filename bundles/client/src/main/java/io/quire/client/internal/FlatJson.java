package io.quire.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The two JSON shapes on the client's hot path, by hand: writing a mutation's flat body and
 * reading the {@code {"sequence":N}} that acknowledges it. Anything else goes through a real
 * JSON library; this only saves that library's per-call setup on every mutation.
 */
public final class FlatJson {
  private static final byte[] SEQUENCE_PREFIX = "{\"sequence\":".getBytes(StandardCharsets.US_ASCII);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private FlatJson() {}

  /** A JSON object of {@code fields}, whose values are strings, booleans or integers. */
  public static byte[] object(Map<String, ?> fields) {
    StringBuilder out = new StringBuilder(96).append('{');
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      quote(out, field.getKey()).append(':');
      Object value = field.getValue();
      if (value instanceof String s) {
        quote(out, s);
      } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
        out.append(value);
      } else {
        throw new IllegalArgumentException("not a string, boolean or integer: " + value);
      }
    }
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The N of a body that is exactly {@code {"sequence":N}} (N a non-negative integer below 10^18),
   * else -1: the caller then parses it as any other JSON.
   */
  public static long sequence(byte[] body) {
    int digits = body.length - SEQUENCE_PREFIX.length - 1;
    if (digits < 1 || digits > 18 || body[body.length - 1] != '}') {
      return -1;
    }
    for (int i = 0; i < SEQUENCE_PREFIX.length; i++) {
      if (body[i] != SEQUENCE_PREFIX[i]) {
        return -1;
      }
    }
    long n = 0;
    for (int i = SEQUENCE_PREFIX.length; i < body.length - 1; i++) {
      int d = body[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      n = n * 10 + d;
    }
    return n;
  }

  private static StringBuilder quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      } else {
        out.append(c); // UTF-8 encoding of the whole text keeps every other char, surrogates too
      }
    }
    return out.append('"');
  }
}
