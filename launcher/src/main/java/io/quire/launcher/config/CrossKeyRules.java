package io.quire.launcher.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Rules that involve more than one key, applied after every key parsed on its own. */
final class CrossKeyRules {

  private CrossKeyRules() {}

  static void apply(Map<String, Object> values, Path home) throws ConfigException {
    values.put(ConfigKeys.JOURNAL_STORAGE, storageType(values));
    if ((Boolean) values.get(ConfigKeys.ZOOKEEPER_ENABLED) && !values.containsKey(ConfigKeys.ZOOKEEPER_ADDRESS)) {
      throw new ConfigException(ConfigKeys.ZOOKEEPER_ADDRESS, null,
          "missing required value; it is required when " + ConfigKeys.ZOOKEEPER_ENABLED + "=true");
    }
    resolveFolder(values, ConfigKeys.HADOOP_CONF_DIR, home);
    resolveReadableFile(values, ConfigKeys.JMX_PASSWORD_FILE, home);
    resolveReadableFile(values, ConfigKeys.JMX_ACCESS_FILE, home);
    if (values.containsKey(ConfigKeys.JMX_ACCESS_FILE) && !values.containsKey(ConfigKeys.JMX_PASSWORD_FILE)) {
      throw new ConfigException(ConfigKeys.JMX_PASSWORD_FILE, null,
          "missing required value; " + ConfigKeys.JMX_ACCESS_FILE + " has no effect without it");
    }
    String jmxHost = (String) values.get(ConfigKeys.JMX_HOST);
    if (!isLoopback(jmxHost) && !values.containsKey(ConfigKeys.JMX_PASSWORD_FILE)) {
      throw new ConfigException(ConfigKeys.JMX_PASSWORD_FILE, null, "missing required value; "
          + ConfigKeys.JMX_HOST + "=" + jmxHost + " is not a loopback address, so JMX needs credentials");
    }
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

  private static void resolveReadableFile(Map<String, Object> values, String key, Path home) throws ConfigException {
    String text = (String) values.get(key);
    if (text == null) {
      return;
    }
    Path file = home.resolve(text).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigException(key, text, "no readable file at " + file);
    }
    values.put(key, file.toString());
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

  private static boolean isLoopback(String host) throws ConfigException {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException(ConfigKeys.JMX_HOST, host, "unknown host");
    }
  }
}
