package io.quire.launcher.config;

/** A value that does not parse as its key's type; the loader adds the key and the value. */
public class InvalidValueException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidValueException(String reason) {
    super(reason);
  }
}
