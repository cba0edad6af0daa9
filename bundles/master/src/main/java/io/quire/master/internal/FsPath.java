package io.quire.master.internal;

import java.util.Arrays;

/**
 * An absolute, normalized namespace path: {@code /} or {@code /a/b}. Empty components
 * ({@code //}, a trailing {@code /}) are dropped; {@code .}, {@code ..}, control characters,
 * unpaired surrogates (they would not survive UTF-8 in the journal), names over
 * {@value #MAX_NAME} and paths over {@value #MAX_PATH} characters are refused.
 */
final class FsPath {
  static final int MAX_NAME = 255;
  static final int MAX_PATH = 4096;
  static final FsPath ROOT = new FsPath("/", new String[0]);

  private final String text;
  private final String[] names;

  private FsPath(String text, String[] names) {
    this.text = text;
    this.names = names;
  }

  /** @throws NamespaceException {@link ErrorCode#INVALID_PATH}, naming the path and the rule */
  static FsPath parse(String path) throws NamespaceException {
    if (path == null || path.isEmpty()) {
      throw NamespaceException.invalidPath("", "the path is empty");
    }
    if (path.charAt(0) != '/') {
      throw NamespaceException.invalidPath(path, "the path must be absolute (start with '/')");
    }
    if (path.length() > MAX_PATH) {
      throw NamespaceException.invalidPath(path, "longer than " + MAX_PATH + " characters");
    }
    String[] names = split(path);
    if (names.length == 0) {
      return ROOT;
    }
    // A clean path (no empty component) is its own normal form: no copy on the hot path.
    boolean clean = path.charAt(path.length() - 1) != '/' && path.indexOf("//") < 0;
    return new FsPath(clean ? path : "/" + String.join("/", names), names);
  }

  /** Splits at '/', dropping empty components and checking every name in the same pass. */
  private static String[] split(String path) throws NamespaceException {
    String[] names = new String[8];
    int count = 0;
    int start = 1;
    for (int i = 1; i <= path.length(); i++) {
      char c = i < path.length() ? path.charAt(i) : '/';
      if (c != '/') {
        checkCharacter(path, i, c);
        continue;
      }
      if (i > start) {
        if (count == names.length) {
          names = Arrays.copyOf(names, count * 2);
        }
        names[count++] = name(path, start, i);
      }
      start = i + 1;
    }
    return count == names.length ? names : Arrays.copyOf(names, count);
  }

  private static String name(String path, int start, int end) throws NamespaceException {
    if (end - start > MAX_NAME) {
      throw NamespaceException.invalidPath(path, "a name is longer than " + MAX_NAME);
    }
    if (path.charAt(start) == '.' && (end - start == 1
        || (end - start == 2 && path.charAt(start + 1) == '.'))) {
      throw NamespaceException.invalidPath(path, "'.' and '..' are not allowed");
    }
    return path.substring(start, end);
  }

  private static void checkCharacter(String path, int i, char c) throws NamespaceException {
    if (c < 0x20 || c == 0x7f) {
      throw NamespaceException.invalidPath(path, "control character at index " + i);
    }
    if (Character.isSurrogate(c)) {
      boolean paired = Character.isHighSurrogate(c)
          ? i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))
          : Character.isHighSurrogate(path.charAt(i - 1));
      if (!paired) {
        throw NamespaceException.invalidPath(path, "unpaired surrogate at index " + i);
      }
    }
  }

  boolean isRoot() {
    return names.length == 0;
  }

  /** Number of names: 0 for the root. */
  int depth() {
    return names.length;
  }

  String name(int index) {
    return names[index];
  }

  /** The last name; the root has none. */
  String lastName() {
    return names[names.length - 1];
  }

  /** The path of the first {@code depth} names, for error messages. */
  String prefix(int depth) {
    if (depth == 0) {
      return "/";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      b.append('/').append(names[i]);
    }
    return b.toString();
  }

  String parentText() {
    return prefix(names.length - 1);
  }

  /** True if {@code other} lies strictly below this path. */
  boolean isProperAncestorOf(FsPath other) {
    if (other.names.length <= names.length) {
      return false;
    }
    for (int i = 0; i < names.length; i++) {
      if (!names[i].equals(other.names[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FsPath p && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
