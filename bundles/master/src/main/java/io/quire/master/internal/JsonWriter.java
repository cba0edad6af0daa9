package io.quire.master.internal;

/**
 * Writes JSON into a {@link StringBuilder}, by hand: the client API's responses are a few small
 * objects, and a library would cost more per request than the writing does. The caller keeps
 * begin/end calls balanced.
 */
final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out;
  private boolean needComma;

  JsonWriter(StringBuilder out) {
    this.out = out;
  }

  StringBuilder buffer() {
    return out;
  }

  JsonWriter beginObject() {
    comma();
    out.append('{');
    needComma = false;
    return this;
  }

  JsonWriter endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  JsonWriter beginArray() {
    comma();
    out.append('[');
    needComma = false;
    return this;
  }

  JsonWriter endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  JsonWriter name(String name) {
    comma();
    quote(name);
    out.append(':');
    needComma = false;
    return this;
  }

  JsonWriter value(String value) {
    comma();
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    needComma = true;
    return this;
  }

  JsonWriter value(long value) {
    comma();
    out.append(value);
    needComma = true;
    return this;
  }

  JsonWriter value(boolean value) {
    comma();
    out.append(value);
    needComma = true;
    return this;
  }

  private void comma() {
    if (needComma) {
      out.append(',');
    }
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
