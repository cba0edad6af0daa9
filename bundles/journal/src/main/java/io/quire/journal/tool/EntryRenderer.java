package io.quire.journal.tool;

import java.nio.ByteBuffer;

/**
 * Turns an entry's bytes into one line of text for {@code journal dump}. The journal does not know
 * what entries mean; the master supplies a renderer that does.
 */
@FunctionalInterface
public interface EntryRenderer {

  String render(ByteBuffer entry);

  /** Printable ASCII as is, everything else as {@code \xNN}. */
  static EntryRenderer raw() {
    return entry -> {
      StringBuilder text = new StringBuilder();
      while (entry.hasRemaining()) {
        int b = entry.get() & 0xff;
        if (b >= 0x20 && b < 0x7f && b != '\\') {
          text.append((char) b);
        } else {
          text.append(String.format("\\x%02x", b));
        }
      }
      return text.toString();
    };
  }
}
