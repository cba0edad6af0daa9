package io.quire.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a password from the first line of a file, for the console's own files and the master's
 * TLS store password files alike. The bytes and the decoded characters are cleared once the
 * password is copied out; the caller clears the returned array when done with it.
 */
public final class PasswordFiles {
  private PasswordFiles() {}

  /** The first line of {@code file} (empty when the file is empty or starts with a line break). */
  public static char[] firstLine(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
    Arrays.fill(bytes, (byte) 0);
    int end = 0;
    while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
      end++;
    }
    char[] password = new char[end];
    chars.get(password);
    Arrays.fill(chars.array(), '\0');
    return password;
  }
}
