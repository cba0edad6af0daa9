package io.quire.launcher.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Rules that involve more than one key, applied after every key parsed on its own. */
final class CrossKeyRules {

  private CrossKeyRules() {}

  /** @param server whether a master runs with these values (else a command only connects to one) */
  static void apply(Map<String, Object> values, Path home, boolean server) throws ConfigException {
    values.put(ConfigKeys.JOURNAL_STORAGE, storageType(values));
    if ((Boolean) values.get(ConfigKeys.ZOOKEEPER_ENABLED) && !values.containsKey(ConfigKeys.ZOOKEEPER_ADDRESS)) {
      throw new ConfigException(ConfigKeys.ZOOKEEPER_ADDRESS, null,
          "missing required value; it is required when " + ConfigKeys.ZOOKEEPER_ENABLED + "=true");
    }
    resolveFolder(values, ConfigKeys.HADOOP_CONF_DIR, home);
    JmxRules.apply(values, home, server);
  }

  /**
   * The storage type: {@code quire.journal.storage} if set, else from the folder's scheme (no
   * scheme or {@code file:} is local). An explicit type must agree with the scheme; a local path
   * may be named {@code nfs} (an NFS mount).
   */
  private static String storageType(Map<String, Object> values) throws ConfigException {
    String folder = (String) values.get(ConfigKeys.JOURNAL_FOLDER);
    String scheme = Locations.scheme(folder);
    String fromScheme = switch (scheme) {
      case "file" -> "local";
      case "hdfs", "nfs" -> scheme;
      default -> throw new ConfigException(ConfigKeys.JOURNAL_FOLDER, folder,
          "unsupported scheme '" + scheme + "'; use a local path, nfs://host/dir or hdfs://host:port/dir");
    };
    String configured = (String) values.get(ConfigKeys.JOURNAL_STORAGE);
    if (configured == null || configured.equals(fromScheme)) {
      return fromScheme;
    }
    if (configured.equals("nfs") && fromScheme.equals("local")) {
      return configured;
    }
    throw new ConfigException(ConfigKeys.JOURNAL_STORAGE, configured,
        "does not match " + ConfigKeys.JOURNAL_FOLDER + "=" + folder + " (a " + fromScheme + " folder)");
  }

  /** Makes the file a key names absolute (against {@code quire.home}), if the key is set; it must be readable. */
  static void resolveReadableFile(Map<String, Object> values, String key, Path home) throws ConfigException {
    String text = (String) values.get(key);
    Path file = resolveFile(values, key, home);
    if (file != null && (!Files.isRegularFile(file) || !Files.isReadable(file))) {
      throw new ConfigException(key, text, "no readable file at " + file);
    }
  }

  /** Makes the file a key names absolute (against {@code quire.home}), if the key is set; returns it. */
  static Path resolveFile(Map<String, Object> values, String key, Path home) {
    String text = (String) values.get(key);
    if (text == null) {
      return null;
    }
    Path file = home.resolve(text).toAbsolutePath().normalize();
    values.put(key, file.toString());
    return file;
  }

  private static void resolveFolder(Map<String, Object> values, String key, Path home) throws ConfigException {
    String text = (String) values.get(key);
    if (text == null) {
      return;
    }
    Path folder = home.resolve(text).toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      throw new ConfigException(key, text, "no folder at " + folder);
    }
    values.put(key, folder.toString());
  }
}
