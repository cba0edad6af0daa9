package io.quire.master.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands out one instance per distinct string (owner names), so ten million inodes with five
 * owners hold five strings. Bounded: past the limit new strings are returned unshared. Not
 * thread-safe: each user confines it to one thread or to its lock.
 */
final class SharedStrings {
  private static final int LIMIT = 4096;

  private final Map<String, String> table = new HashMap<>();

  String share(String s) {
    String shared = table.get(s);
    if (shared != null) {
      return shared;
    }
    if (table.size() < LIMIT) {
      table.put(s, s);
    }
    return s;
  }
}
