package io.quire.client;

import java.time.Instant;

/**
 * One file or directory as the master reports it.
 *
 * @param path full path
 * @param directory true for a directory
 * @param id inode id, stable across restarts
 * @param owner owner name
 * @param mode permission bits, e.g. {@code 0755}
 * @param mtime modification time
 * @param children number of children; 0 for a file
 */
public record FileEntry(String path, boolean directory, long id, String owner, int mode,
    Instant mtime, long children) {

  /** The mode as four octal digits, e.g. {@code 0755}. */
  public String octalMode() {
    String digits = Integer.toOctalString(mode);
    return "0000".substring(Math.min(4, digits.length())) + digits;
  }
}
