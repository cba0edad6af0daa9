package io.quire.launcher.config;

/**
 * One key of {@code quire-site.properties}.
 *
 * @param name the key as written in the file
 * @param type how its value parses
 * @param defaultValue the value when the file does not set it (may contain {@code ${quire.home}}),
 *     or null if the key is optional and has no default
 * @param meaning one line for the documentation and error messages
 */
public record ConfigKey(String name, ValueType type, String defaultValue, String meaning) {

  /** Whether the key may stay unset (it has no default). */
  public boolean optional() {
    return defaultValue == null;
  }
}
