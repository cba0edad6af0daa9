package io.quire.master.internal;

import java.nio.charset.StandardCharsets;
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

  // Built on first use for a path parsed from bytes (replay rarely needs it). A racy but
  // idempotent cache, like String's hash: every thread computes the same immutable string.
  private String text;
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

  /**
   * Parses a path from its UTF-8 bytes, as {@link #parse} parses the decoded text. The usual case
   * on replay, where every journal entry carries a path, is ASCII already in normal form: it is
   * split straight from the bytes, with no copy of the whole text and no intermediate arrays.
   * Anything else (non-ASCII, a control character, an empty, {@code .}, {@code ..} or too long
   * name, the root) is decoded and goes through {@link #parse}, which normalizes or refuses it.
   */
  static FsPath parseUtf8(byte[] bytes, int offset, int length) throws NamespaceException {
    int count = countNormalAsciiNames(bytes, offset, length);
    if (count < 0) {
      return parse(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }
    String[] names = new String[count];
    int n = 0;
    int start = offset + 1;
    int end = offset + length;
    for (int i = start; i <= end; i++) {
      if (i == end || bytes[i] == '/') {
        names[n++] = new String(bytes, start, i - start, StandardCharsets.ISO_8859_1);
        start = i + 1;
      }
    }
    return new FsPath(null, names);
  }

  /**
   * The number of names of a non-root ASCII path in normal form, else -1. Such a path's names
   * are the bytes between its slashes, and {@link #parseUtf8} makes each one a string of the
   * same characters.
   */
  static int countNormalAsciiNames(byte[] bytes, int offset, int length) {
    int end = offset + length;
    if (length < 2 || length > MAX_PATH || bytes[offset] != '/' || bytes[end - 1] == '/') {
      return -1;
    }
    int count = 1;
    int start = offset + 1;
    for (int i = start; i < end; i++) {
      byte b = bytes[i];
      if (b == '/') {
        if (!isNormalName(bytes, start, i)) {
          return -1;
        }
        count++;
        start = i + 1;
      } else if (b < 0x20 || b == 0x7f) { // negative: not ASCII
        return -1;
      }
    }
    return isNormalName(bytes, start, end) ? count : -1;
  }

  private static boolean isNormalName(byte[] bytes, int start, int end) {
    int n = end - start;
    return n > 0 && n <= MAX_NAME
        && !(bytes[start] == '.' && (n == 1 || (n == 2 && bytes[start + 1] == '.')));
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
    return o instanceof FsPath p && p.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = prefix(names.length);
      text = t;
    }
    return t;
  }
}
