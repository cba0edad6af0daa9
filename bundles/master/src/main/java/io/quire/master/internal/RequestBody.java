package io.quire.master.internal;

import java.util.Map;

/**
 * Typed access to a mutation request's JSON body; every refusal names the field. Defaults:
 * owner {@value NamespaceSnapshot#ROOT_OWNER}, mode 0755 for directories and 0644 for files.
 */
final class RequestBody {
  static final int DIRECTORY_MODE = 0755;
  static final int FILE_MODE = 0644;

  private final Map<String, Object> fields;

  RequestBody(Map<String, Object> fields) {
    this.fields = fields;
  }

  static RequestBody parse(String json) throws BadRequestException {
    return new RequestBody(JsonReader.parseObject(json));
  }

  FsPath path(String name) throws BadRequestException, NamespaceException {
    Object value = fields.get(name);
    if (!(value instanceof String s)) {
      throw new BadRequestException("field '" + name + "' (a path string) is required");
    }
    return FsPath.parse(s);
  }

  boolean flag(String name) throws BadRequestException {
    Object value = fields.get(name);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw new BadRequestException("field '" + name + "' must be true or false");
    }
    return b;
  }

  /** The owner, or {@code fallback} when the field is absent. */
  String owner(String fallback) throws BadRequestException {
    Object value = fields.get("owner");
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s) || s.isEmpty() || s.length() > 255
        || s.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new BadRequestException("field 'owner' must be a name of 1 to 255 characters "
          + "without spaces or control characters");
    }
    return s;
  }

  /** The mode from an octal string such as {@code "0755"}, or {@code fallback} when absent. */
  int mode(int fallback) throws BadRequestException {
    Object value = fields.get("mode");
    if (value == null) {
      return fallback;
    }
    try {
      int mode = Integer.parseInt((String) value, 8);
      if (mode >= 0 && mode <= EntryFormat.MAX_MODE) {
        return mode;
      }
    } catch (ClassCastException | NumberFormatException e) {
      // refused below with the rule
    }
    throw new BadRequestException("field 'mode' must be an octal string from \"0\" to \"7777\", "
        + "not " + value);
  }

  /** Epoch millis, or null when absent. */
  Long millis(String name) throws BadRequestException {
    Object value = fields.get(name);
    if (value == null || value instanceof Long) {
      return (Long) value;
    }
    throw new BadRequestException("field '" + name + "' must be an integer (epoch millis)");
  }
}
