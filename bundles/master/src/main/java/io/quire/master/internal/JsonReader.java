package io.quire.master.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses the flat JSON objects the client API accepts: {@code {"name": value, ...}} where a
 * value is a string, an integer, {@code true}, {@code false} or {@code null}. Nested objects and
 * arrays, fractions and exponents are refused with a message naming the position.
 */
final class JsonReader {
  private final String text;
  private int pos;

  private JsonReader(String text) {
    this.text = text;
  }

  /** @return names mapped to {@link String}, {@link Long}, {@link Boolean} or null */
  static Map<String, Object> parseObject(String text) throws BadRequestException {
    JsonReader r = new JsonReader(text);
    Map<String, Object> result = r.readObject();
    r.skipWhitespace();
    if (r.pos < text.length()) {
      throw r.error("unexpected text after the object");
    }
    return result;
  }

  private Map<String, Object> readObject() throws BadRequestException {
    Map<String, Object> result = new HashMap<>();
    expect('{');
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return result;
    }
    while (true) {
      skipWhitespace();
      String name = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      result.put(name, readValue());
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return result;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private Object readValue() throws BadRequestException {
    char c = peek();
    if (c == '"') {
      return readString();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return readInteger();
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (text.startsWith(word, pos)) {
        pos += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word.equals("true"));
      }
    }
    throw error(c == '{' || c == '[' ? "nested values are not supported" : "expected a value");
  }

  private Long readInteger() throws BadRequestException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    try {
      return Long.valueOf(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error("expected an integer");
    }
  }

  private String readString() throws BadRequestException {
    expect('"');
    StringBuilder b = null;
    int start = pos;
    while (true) {
      char c = next();
      if (c == '"') {
        return b == null ? text.substring(start, pos - 1) : b.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c == '\\') {
        if (b == null) {
          b = new StringBuilder().append(text, start, pos - 1);
        }
        b.append(readEscape());
      } else if (b != null) {
        b.append(c);
      }
    }
  }

  private char readEscape() throws BadRequestException {
    char c = next();
    switch (c) {
      case '"', '\\', '/': return c;
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u':
        if (pos + 4 > text.length()) {
          throw error("truncated \\u escape");
        }
        try {
          char u = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
          pos += 4;
          return u;
        } catch (NumberFormatException e) {
          throw error("bad \\u escape");
        }
      default:
        throw error("bad escape \\" + c);
    }
  }

  private void expect(char c) throws BadRequestException {
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  private char next() throws BadRequestException {
    if (pos >= text.length()) {
      throw error("unexpected end of the body");
    }
    return text.charAt(pos++);
  }

  private char peek() throws BadRequestException {
    if (pos >= text.length()) {
      throw error("unexpected end of the body");
    }
    return text.charAt(pos);
  }

  private void skipWhitespace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private BadRequestException error(String what) {
    return new BadRequestException("malformed JSON body at character " + pos + ": " + what);
  }
}
