package io.quire.launcher.config;

/**
 * A configuration that must not start: an unknown key, a malformed value or a missing required
 * value. The message names the key and the value, on one line, so that an operator can find the
 * line in {@code quire-site.properties} at once.
 */
public class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String value;

  public ConfigException(String key, String value, String reason) {
    super(key + "=" + (value == null ? "(unset)" : value) + ": " + reason);
    this.key = key;
    this.value = value;
  }

  /** A problem with the configuration as a whole (the folder or file cannot be read). */
  public ConfigException(String problem, Throwable cause) {
    super(problem, cause);
    this.key = null;
    this.value = null;
  }

  /** The offending key, or null for a problem with the file itself. */
  public String key() {
    return key;
  }

  /** The offending value as written (after {@code ${quire.home}} substitution), or null if unset. */
  public String value() {
    return value;
  }
}
