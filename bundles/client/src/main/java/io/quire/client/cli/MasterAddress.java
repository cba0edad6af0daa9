package io.quire.client.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where {@code fs} finds the master: {@code --master host:port} when given, else
 * {@code alluxio.master.hostname} and {@code alluxio.master.web.port} from
 * {@code quire-site.properties} in the configuration folder (defaults {@code localhost},
 * {@code 19999}, as the operator contract says).
 */
final class MasterAddress {
  static final String SITE_FILE = "quire-site.properties";

  private MasterAddress() {}

  static String resolve(String master, Path confDir) throws IOException {
    if (master != null) {
      return master;
    }
    Properties site = new Properties();
    Path file = confDir.resolve(SITE_FILE);
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        site.load(in);
      }
    }
    String host = site.getProperty("alluxio.master.hostname", "localhost").trim();
    String port = site.getProperty("alluxio.master.web.port", "19999").trim();
    // A wildcard bind address is not an address to connect to.
    if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      host = "localhost";
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
