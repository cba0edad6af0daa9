package io.quire.master.internal;

import io.quire.journal.state.StateFileHeader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A checkpoint's namespace image ({@link ImageFormat}) as text, one line per inode, for
 * {@code bin/quire journal dump --checkpoint} and for the record check of
 * {@code bin/quire journal verify}. Public for the CLI's class path only, like
 * {@link EntryText}; the package stays private to the bundle inside the framework.
 *
 * <p>The image is read by {@link ImageReader}, the code a master loads a checkpoint with, so the
 * tool refuses exactly the images a master would. Like a master's start, that builds the whole
 * tree in memory before the first line is handed out.
 */
public final class ImageText {

  private ImageText() {}

  /**
   * Reads an image and describes every inode, parents before children, children in name order.
   * A line is the inode's path, kind ({@code dir} or {@code file}), id, owner, mode (octal) and
   * mtime (ISO-8601, UTC), separated by tabs; a control character or backslash in a path or an
   * owner is written as {@code \t}, {@code \n}, {@code \r}, {@code \\} or {@code \xNN}, so a
   * line is always one line.
   *
   * @param source the checkpoint's name, for messages
   * @param header the checkpoint's header (its sequence number is the image's)
   * @param lines receives one line per inode
   * @return the number of inodes read
   * @throws io.quire.journal.state.CorruptStateFileException the image is malformed
   */
  public static long describe(String source, StateFileHeader header, InputStream body,
      Consumer<String> lines) throws IOException {
    NamespaceSnapshot image = ImageReader.read(body, source, header.sequence(),
        new SharedStrings());
    image.forEachInode((path, parentId, inode) -> lines.accept(line(path, inode)));
    return image.inodeCount();
  }

  static String line(String path, Inode inode) {
    StringBuilder line = new StringBuilder();
    escape(path, line);
    line.append('\t').append(inode.isDirectory() ? "dir" : "file").append('\t')
        .append(inode.id()).append('\t');
    escape(inode.owner(), line);
    return line.append('\t').append(String.format("%04o", inode.mode())).append('\t')
        .append(Instant.ofEpochMilli(inode.mtime())).toString();
  }

  private static void escape(String text, StringBuilder into) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\t' -> into.append("\\t");
        case '\n' -> into.append("\\n");
        case '\r' -> into.append("\\r");
        case '\\' -> into.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            into.append(String.format("\\x%02x", (int) c));
          } else {
            into.append(c);
          }
        }
      }
    }
  }
}
