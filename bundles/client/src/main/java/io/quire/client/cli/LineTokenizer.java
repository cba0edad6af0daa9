package io.quire.client.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an {@code fs -} line into words as a shell would, for the simple cases: whitespace
 * separates, {@code '...'} and {@code "..."} quote, a backslash outside single quotes escapes the
 * next character. Enough for paths with spaces.
 */
final class LineTokenizer {
  private LineTokenizer() {}

  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        continue;
      }
      word = word == null ? new StringBuilder() : word;
      if (c == quote) {
        quote = 0;
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == '\\' && quote != '\'') {
        if (++i == line.length()) {
          throw new IllegalArgumentException("a backslash ends the line");
        }
        word.append(line.charAt(i));
      } else {
        word.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed " + quote + " quote");
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
