package io.quire.console;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The few keys of {@code <conf dir>/quire-site.properties} that a client needs. The launcher
 * validates the whole file; this class only reads, and names the key and the value when one it needs
 * is malformed.
 */
final class SiteConfig {
  static final String FILE_NAME = "quire-site.properties";
  static final String JMX_HOST = "quire.jmx.host";
  static final String JMX_PORT = "quire.jmx.port";
  static final String SECONDARY_JMX_PORT = "quire.secondary.jmx.port";
  static final String BACKUP_DIRECTORY = "alluxio.master.backup.directory";

  private final Path file;
  private final Properties properties;

  private SiteConfig(Path file, Properties properties) {
    this.file = file;
    this.properties = properties;
  }

  /**
   * @param required whether a missing file is an error: it is when the operator named the folder,
   *     since connecting to the default port instead could reach a different master
   */
  static SiteConfig load(Path confDir, boolean required) throws CommandFailure {
    Path file = confDir.resolve(FILE_NAME);
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      if (required) {
        throw CommandFailure.usage("no " + FILE_NAME + " in configuration folder " + confDir, e);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw CommandFailure.usage("cannot read " + file + ": " + CommandFailure.reason(e), e);
    }
    return new SiteConfig(file, properties);
  }

  String get(String key, String defaultValue) {
    String value = properties.getProperty(key);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  int port(String key, int defaultValue) throws CommandFailure {
    String value = get(key, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      int port = Integer.parseInt(value);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the key and the file
    }
    throw CommandFailure.usage(key + " = '" + value + "' is not a port number (in " + file + ")");
  }
}
