package io.quire.master.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/**
 * The client API's view of inodes:
 * {@code {"path","name","type":"DIRECTORY"|"FILE","id","owner","mode":"0755","mtime":ISO-8601,
 * "mtimeMillis","children"}} ({@code children} for directories only).
 */
final class InodeJson {
  /** Flush a listing to the response each time the buffer passes this many characters. */
  private static final int FLUSH_CHARS = 16 * 1024;

  private InodeJson() {}

  static void write(JsonWriter json, String path, Inode inode) {
    json.beginObject().name("path").value(path).name("name").value(inode.name())
        .name("type").value(inode.isDirectory() ? "DIRECTORY" : "FILE")
        .name("id").value(inode.id()).name("owner").value(inode.owner())
        .name("mode").value(octal(inode.mode()))
        .name("mtime").value(Instant.ofEpochMilli(inode.mtime()).toString())
        .name("mtimeMillis").value(inode.mtime());
    if (inode.isDirectory()) {
      json.name("children").value(inode.childCount());
    }
    json.endObject();
  }

  static String octal(int mode) {
    String digits = Integer.toOctalString(mode);
    return "0000".substring(Math.min(4, digits.length())) + digits;
  }

  /**
   * Streams {@code {"path":..,"entries":[..],"truncated":bool}}: the children of a directory (or
   * the file itself), in name order, after {@code after} (exclusive) and at most {@code limit};
   * recursive listings walk the whole subtree depth first, parents before children.
   */
  static void writeListing(Writer out, FsPath path, Inode inode, boolean recursive, String after,
      long limit) throws IOException {
    JsonWriter json = new JsonWriter(new StringBuilder(1024));
    json.beginObject().name("path").value(path.toString()).name("entries").beginArray();
    boolean truncated = false;
    if (!inode.isDirectory()) {
      write(json, path.toString(), inode);
    } else {
      String prefix = path.isRoot() ? "" : path.toString();
      Iterable<Inode> children = after == null ? inode.children()
          : inode.children().after(after);
      long count = 0;
      for (Inode child : children) {
        if (count++ == limit) {
          truncated = true;
          break;
        }
        writeTree(out, json, prefix + "/" + child.name(), child, recursive);
      }
    }
    json.endArray().name("truncated").value(truncated).endObject();
    out.append(json.buffer());
  }

  private static void writeTree(Writer out, JsonWriter json, String path, Inode inode,
      boolean recursive) throws IOException {
    write(json, path, inode);
    if (json.buffer().length() > FLUSH_CHARS) {
      out.append(json.buffer());
      json.buffer().setLength(0);
    }
    if (recursive && inode.isDirectory()) {
      for (Inode child : inode.children()) {
        writeTree(out, json, path + "/" + child.name(), child, recursive);
      }
    }
  }
}
