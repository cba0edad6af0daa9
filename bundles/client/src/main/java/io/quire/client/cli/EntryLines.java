package io.quire.client.cli;

import io.quire.client.FileEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The text forms of entries. An {@code ls} line is {@code TYPE MODE OWNER MTIME PATH}, one space
 * apart, with type {@code d} or {@code f} and the time at millisecond precision in UTC, so that
 * two listings compare with {@code diff}.
 */
final class EntryLines {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private EntryLines() {}

  static String lsLine(FileEntry e) {
    return (e.directory() ? "d " : "f ") + e.octalMode() + " " + e.owner() + " "
        + TIME.format(e.mtime()) + " " + e.path();
  }

  static String statText(FileEntry e) {
    return "path: " + e.path() + "\ntype: " + (e.directory() ? "directory" : "file")
        + "\nid: " + e.id() + "\nowner: " + e.owner() + "\nmode: " + e.octalMode()
        + "\nmtime: " + TIME.format(e.mtime())
        + (e.directory() ? "\nchildren: " + e.children() : "");
  }
}
