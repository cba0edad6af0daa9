package io.quire.launcher.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value types of the site configuration, each with the message that says what it expects. */
public final class ValueTypes {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?b?)", Pattern.CASE_INSENSITIVE);
  private static final Pattern TIME_OF_DAY = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|m|h)?");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+");

  private ValueTypes() {}

  /** Bytes as a {@code Long}: plain bytes or a number with KB, MB, GB or TB (powers of 1024). */
  public static ValueType size() {
    return text -> {
      Matcher m = SIZE.matcher(text);
      if (!m.matches()) {
        throw new InvalidValueException("not a size; write bytes or a number with KB, MB or GB (e.g. 10MB)");
      }
      int shift = switch (m.group(2).toUpperCase(Locale.ROOT).replace("B", "")) {
        case "K" -> 10;
        case "M" -> 20;
        case "G" -> 30;
        case "T" -> 40;
        default -> 0;
      };
      long number = parseLong(m.group(1), "size");
      if (number <= 0 || number > (Long.MAX_VALUE >> shift)) {
        throw new InvalidValueException("size out of range; it must be more than 0 bytes and fit in 63 bits");
      }
      return number << shift;
    };
  }

  /** A TCP port as an {@code Integer}, 1 to 65535. */
  public static ValueType port() {
    return text -> {
      long port = parseLong(text, "port number");
      if (port < 1 || port > 65535) {
        throw new InvalidValueException("port out of range; it must be between 1 and 65535");
      }
      return (int) port;
    };
  }

  /** A count of at least 1, as a {@code Long}. */
  public static ValueType positiveLong() {
    return text -> {
      long value = parseLong(text, "whole number");
      if (value < 1) {
        throw new InvalidValueException("must be at least 1");
      }
      return value;
    };
  }

  /** A count of at least 1, as an {@code Integer}. */
  public static ValueType positiveInt() {
    return text -> {
      long value = parseLong(text, "whole number");
      if (value < 1 || value > Integer.MAX_VALUE) {
        throw new InvalidValueException("must be at least 1 and at most " + Integer.MAX_VALUE);
      }
      return (int) value;
    };
  }

  /** {@code true} or {@code false} (any case), as a {@code Boolean}; nothing else. */
  public static ValueType bool() {
    return text -> switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new InvalidValueException("not a boolean; write true or false");
    };
  }

  /** A time of day {@code HH:mm} (24-hour clock), kept as the {@code String}. */
  public static ValueType timeOfDay() {
    return text -> {
      if (!TIME_OF_DAY.matcher(text).matches()) {
        throw new InvalidValueException("not a time of day; write HH:mm between 00:00 and 23:59 (UTC)");
      }
      return text;
    };
  }

  /** A duration as a {@code Long} of milliseconds: a number with ms, s, m (min) or h; seconds if bare. */
  public static ValueType duration() {
    return text -> {
      Matcher m = DURATION.matcher(text);
      if (!m.matches()) {
        throw new InvalidValueException("not a duration; write a number with ms, s, m or h (e.g. 120s)");
      }
      long number = parseLong(m.group(1), "duration");
      String unit = m.group(2) == null ? "s" : m.group(2);
      long factor = switch (unit) {
        case "ms" -> 1L;
        case "m", "min" -> 60_000L;
        case "h" -> 3_600_000L;
        default -> 1_000L;
      };
      if (number < 1 || number > Long.MAX_VALUE / factor) {
        throw new InvalidValueException("duration out of range");
      }
      return number * factor;
    };
  }

  /** A host name or IP address, as a {@code String}. */
  public static ValueType host() {
    return text -> {
      if (!HOST.matcher(text).matches()) {
        throw new InvalidValueException("not a host name or IP address");
      }
      return text;
    };
  }

  /** One of a fixed set of words (lower case), as a {@code String}. */
  public static ValueType choice(Set<String> choices) {
    return text -> {
      String word = text.toLowerCase(Locale.ROOT);
      if (!choices.contains(word)) {
        throw new InvalidValueException("not one of " + String.join(", ", choices.stream().sorted().toList()));
      }
      return word;
    };
  }

  /** Any non-empty text. */
  public static ValueType text() {
    return text -> text;
  }

  private static long parseLong(String text, String what) throws InvalidValueException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("not a " + what);
    }
  }
}
