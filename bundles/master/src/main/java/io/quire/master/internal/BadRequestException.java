package io.quire.master.internal;

/** A client API request is malformed (not a namespace error); the message says what is wrong. */
final class BadRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message);
  }
}
