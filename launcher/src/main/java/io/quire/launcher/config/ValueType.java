package io.quire.launcher.config;

/**
 * How a configuration value is written and what it becomes once parsed. The parsed types are
 * the ones Config Admin carries to the bundles: {@code Long}, {@code Integer}, {@code Boolean},
 * {@code String}.
 */
@FunctionalInterface
public interface ValueType {

  /**
   * Parses a non-empty, trimmed value.
   *
   * @throws InvalidValueException the text is not a value of this type; the message says what
   *     is expected
   */
  Object parse(String text) throws InvalidValueException;
}
