package io.quire.console;

/**
 * Why a command stopped, as one line for stderr, with the process exit code that goes with it.
 * The message never holds a secret (passwords are neither echoed nor wrapped in causes).
 */
final class CommandFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** The master could not be reached or could not do what was asked. */
  static final int FAILED = 1;

  /** The command line or the configuration it points at is wrong. */
  static final int USAGE = 2;

  /** The master refused: authentication failed, or the user may not do what was asked. */
  static final int REFUSED = 3;

  private final int exitCode;

  private CommandFailure(int exitCode, String message, Throwable cause) {
    super(oneLine(message), cause);
    this.exitCode = exitCode;
  }

  static CommandFailure failed(String message) {
    return new CommandFailure(FAILED, message, null);
  }

  static CommandFailure failed(String message, Throwable cause) {
    return new CommandFailure(FAILED, message, cause);
  }

  static CommandFailure usage(String message) {
    return new CommandFailure(USAGE, message, null);
  }

  static CommandFailure usage(String message, Throwable cause) {
    return new CommandFailure(USAGE, message, cause);
  }

  static CommandFailure refused(String message, Throwable cause) {
    return new CommandFailure(REFUSED, message, cause);
  }

  int exitCode() {
    return exitCode;
  }

  /** The innermost cause's message, which is the one an operator can act on ("Connection refused"). */
  static String reason(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String type = root.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : message + " (" + type + ")";
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ");
  }
}
