package io.quire.client;

import java.io.IOException;

/**
 * The master refused or could not complete a request. {@link #code()} is machine-readable:
 * {@code ALREADY_EXISTS}, {@code NOT_FOUND}, {@code NOT_A_DIRECTORY}, {@code DIRECTORY_NOT_EMPTY},
 * {@code INVALID_PATH}, {@code BAD_REQUEST}, {@code UNAVAILABLE} (nothing was done, retry later)
 * or {@code NOT_DURABLE} (the outcome is unknown). A failure to reach the master at all is a
 * plain {@link IOException}, and its outcome is unknown too.
 */
public class QuireException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String path;
  private final int status;

  public QuireException(String code, String message, String path, int status) {
    super(code + ": " + message);
    this.code = code;
    this.path = path;
    this.status = status;
  }

  public String code() {
    return code;
  }

  /** The path the error is about, or null. */
  public String path() {
    return path;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }
}
