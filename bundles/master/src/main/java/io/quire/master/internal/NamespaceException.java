package io.quire.master.internal;

/**
 * A namespace operation was refused. Thrown before anything was journaled or published, so the
 * namespace is exactly as it was.
 */
final class NamespaceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String path;

  NamespaceException(ErrorCode code, String path, String message) {
    super(message);
    this.code = code;
    this.path = path;
  }

  static NamespaceException alreadyExists(String path) {
    return new NamespaceException(ErrorCode.ALREADY_EXISTS, path, "already exists: " + path);
  }

  static NamespaceException notFound(String path) {
    return new NamespaceException(ErrorCode.NOT_FOUND, path, "no such file or directory: " + path);
  }

  static NamespaceException notADirectory(String path) {
    return new NamespaceException(ErrorCode.NOT_A_DIRECTORY, path, "not a directory: " + path);
  }

  static NamespaceException notEmpty(String path) {
    return new NamespaceException(ErrorCode.DIRECTORY_NOT_EMPTY, path,
        "directory not empty: " + path + " (delete it recursively)");
  }

  static NamespaceException invalidPath(String path, String reason) {
    return new NamespaceException(ErrorCode.INVALID_PATH, path,
        "invalid path '" + path + "': " + reason);
  }

  ErrorCode code() {
    return code;
  }

  /** The path the error is about (not always the one asked for: a missing parent, say). */
  String path() {
    return path;
  }
}
