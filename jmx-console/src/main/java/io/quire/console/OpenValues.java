package io.quire.console;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Turns open-type values (what MXBeans send) into plain maps, lists and scalars, which both output
 * formats print. Records on the server arrive as {@link CompositeData}, lists as arrays.
 */
final class OpenValues {
  private OpenValues() {}

  static Object plain(Object value) {
    if (value instanceof CompositeData composite) {
      Map<String, Object> map = new TreeMap<>();
      for (String key : composite.getCompositeType().keySet()) {
        map.put(key, plain(composite.get(key)));
      }
      return map;
    }
    if (value instanceof TabularData table) {
      List<Object> rows = new ArrayList<>();
      for (Object row : table.values()) {
        rows.add(plain(row));
      }
      return rows;
    }
    if (value != null && value.getClass().isArray()) {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(plain(Array.get(value, i)));
      }
      return items;
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof String || value == null) {
      return value;
    }
    return value.toString(); // Character, Date, ObjectName
  }
}
