package io.quire.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints fields as aligned {@code label: value} lines (absent values as {@code n/a}, empty strings as
 * {@code (none)}), or as one JSON object keyed by {@link Field#key()} with absent values as {@code null}.
 * Several records print as blocks or a table, or as a JSON array of such objects.
 */
final class FieldPrinter {
  static final String NOT_AVAILABLE = "n/a";

  private FieldPrinter() {}

  static void print(PrintWriter out, List<Field> fields, boolean json) {
    if (json) {
      out.println(Json.write(object(fields)));
    } else {
      printHuman(out, fields, labelWidth(List.of(fields)));
    }
    out.flush();
  }

  /** Records with the same keys: a JSON array, else a table or blocks with their values in one column. */
  static void printRecords(PrintWriter out, List<List<Field>> records, boolean json, boolean table) {
    if (json) {
      out.println(Json.write(records.stream().map(FieldPrinter::object).toList()));
    } else if (table) {
      printTable(out, records);
    } else {
      int width = labelWidth(records);
      for (int i = 0; i < records.size(); i++) {
        if (i > 0) {
          out.println();
        }
        printHuman(out, records.get(i), width);
      }
    }
    out.flush();
  }

  private static void printHuman(PrintWriter out, List<Field> fields, int width) {
    for (Field field : fields) {
      String key = field.label() + ":";
      out.println(key + " ".repeat(width - key.length() + 1) + human(field.value()));
    }
  }

  /** The labels of the first row as a header; every column as wide as its widest cell. */
  private static void printTable(PrintWriter out, List<List<Field>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<List<String>> cells = new ArrayList<>();
    cells.add(rows.get(0).stream().map(Field::label).toList());
    for (List<Field> row : rows) {
      cells.add(row.stream().map(field -> human(field.value())).toList());
    }
    int columns = cells.get(0).size();
    int[] widths = new int[columns];
    for (List<String> line : cells) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    for (List<String> line : cells) {
      StringBuilder text = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        text.append(line.get(c));
        if (c < columns - 1) {
          text.append(" ".repeat(widths[c] - line.get(c).length() + 2));
        }
      }
      out.println(text);
    }
  }

  private static int labelWidth(List<List<Field>> records) {
    return records.stream().flatMap(List::stream).mapToInt(f -> f.label().length()).max().orElse(0) + 1;
  }

  private static Map<String, Object> object(List<Field> fields) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (Field field : fields) {
      object.put(field.key(), OpenValues.plain(field.value()));
    }
    return object;
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
