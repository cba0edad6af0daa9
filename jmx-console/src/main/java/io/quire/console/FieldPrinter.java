package io.quire.console;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints fields as aligned {@code label: value} lines (absent values as {@code n/a}, empty strings as
 * {@code (none)}), or as one JSON object keyed by {@link Field#key()} with absent values as {@code null}.
 */
final class FieldPrinter {
  static final String NOT_AVAILABLE = "n/a";

  private FieldPrinter() {}

  static void print(PrintWriter out, List<Field> fields, boolean json) {
    if (json) {
      printJson(out, fields);
    } else {
      printHuman(out, fields);
    }
    out.flush();
  }

  static void printHuman(PrintWriter out, List<Field> fields) {
    int width = fields.stream().mapToInt(f -> f.label().length()).max().orElse(0) + 1;
    for (Field field : fields) {
      String key = field.label() + ":";
      out.println(key + " ".repeat(width - key.length() + 1) + human(field.value()));
    }
  }

  static void printJson(PrintWriter out, List<Field> fields) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (Field field : fields) {
      object.put(field.key(), OpenValues.plain(field.value()));
    }
    out.println(Json.write(object));
  }

  private static String human(Object value) {
    Object plain = OpenValues.plain(value);
    if (plain == null) {
      return NOT_AVAILABLE;
    }
    String text = plain.toString();
    return text.isEmpty() ? "(none)" : text.replaceAll("\\R", " ");
  }
}
