package io.quire.console;

import java.io.PrintWriter;
import java.util.List;

/**
 * What a command prints: one record of fields (a JSON object), or several records with the same
 * keys (a JSON array), shown to people as blocks of aligned lines or as a table.
 */
final class Output {
  private enum Layout { FIELDS, BLOCKS, TABLE }

  private final Layout layout;
  private final List<List<Field>> records;

  private Output(Layout layout, List<List<Field>> records) {
    this.layout = layout;
    this.records = records;
  }

  /** Aligned {@code label: value} lines; one JSON object. */
  static Output fields(List<Field> fields) {
    return new Output(Layout.FIELDS, List.of(fields));
  }

  /** One block of aligned lines per record, a blank line between; a JSON array of objects. */
  static Output blocks(List<List<Field>> records) {
    return new Output(Layout.BLOCKS, List.copyOf(records));
  }

  /** A header of labels and one row per record; a JSON array of objects. */
  static Output table(List<List<Field>> rows) {
    return new Output(Layout.TABLE, List.copyOf(rows));
  }

  void print(PrintWriter out, boolean json) {
    switch (layout) {
      case FIELDS -> FieldPrinter.print(out, records.get(0), json);
      case BLOCKS -> FieldPrinter.printRecords(out, records, json, false);
      case TABLE -> FieldPrinter.printRecords(out, records, json, true);
    }
  }
}
