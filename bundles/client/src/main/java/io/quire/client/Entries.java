package io.quire.client;

import java.time.Instant;
import java.util.Map;

/** Reads {@link FileEntry}s from the client API's JSON. */
final class Entries {
  private Entries() {}

  static FileEntry fromJson(Map<String, Object> json) {
    Object children = json.get("children");
    return new FileEntry((String) json.get("path"), "DIRECTORY".equals(json.get("type")),
        ((Number) json.get("id")).longValue(), (String) json.get("owner"),
        Integer.parseInt((String) json.get("mode"), 8),
        Instant.ofEpochMilli(((Number) json.get("mtimeMillis")).longValue()),
        children == null ? 0 : ((Number) children).longValue());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object json) {
    return (Map<String, Object>) json;
  }
}
