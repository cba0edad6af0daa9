package io.quire.launcher.config;

import static io.quire.launcher.config.ConfigKeys.JMX_ACCESS_FILE;
import static io.quire.launcher.config.ConfigKeys.JMX_HOST;
import static io.quire.launcher.config.ConfigKeys.JMX_PASSWORD_FILE;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_ENABLED;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_KEYSTORE;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_KEYSTORE_PASSWORD_FILE;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_NEED_CLIENT_AUTH;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_TRUSTSTORE;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_TRUSTSTORE_PASSWORD_FILE;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the JMX connector's security keys:
 * <ol>
 *   <li>the password file and the access file come together: a password file alone would give
 *       every user in it full access (the JDK's behaviour without an access file), so a
 *       read-only user would need an access file anyway;</li>
 *   <li>a {@code quire.jmx.host} that is not a loopback address needs them;</li>
 *   <li>files holding secrets (the password file, the key and trust stores' password files)
 *       may be read by their owner only, as the JDK's own agent demands of its password file;</li>
 *   <li>the TLS keys have no effect unless {@code quire.jmx.ssl.enabled=true} (and the trust
 *       store unless {@code quire.jmx.ssl.need.client.auth=true}), so setting one without the
 *       other is an error rather than a connector that is silently in clear;</li>
 *   <li>with TLS, the stores must open with their passwords and hold a key (the key store) or
 *       certificates (the trust store): {@link JmxTls} builds the TLS context here once, and
 *       again when the connector opens.</li>
 * </ol>
 */
final class JmxRules {

  private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private JmxRules() {}

  /**
   * @param server whether a master runs with these values: only then are the files opened (their
   *     permissions checked, the TLS stores loaded); a command that connects to a master needs
   *     their paths alone, and may run as another user than the master's
   */
  static void apply(Map<String, Object> values, Path home, boolean server) throws ConfigException {
    resolveSecretFile(values, JMX_PASSWORD_FILE, home, server);
    resolveFile(values, JMX_ACCESS_FILE, home, server);
    if (values.containsKey(JMX_ACCESS_FILE) && !values.containsKey(JMX_PASSWORD_FILE)) {
      throw new ConfigException(JMX_PASSWORD_FILE, null,
          "missing required value; " + JMX_ACCESS_FILE + " has no effect without it");
    }
    String jmxHost = (String) values.get(JMX_HOST);
    if (!isLoopback(jmxHost) && !values.containsKey(JMX_PASSWORD_FILE)) {
      throw new ConfigException(JMX_PASSWORD_FILE, null, "missing required value; "
          + JMX_HOST + "=" + jmxHost + " is not a loopback address, so JMX needs credentials");
    }
    if (values.containsKey(JMX_PASSWORD_FILE) && !values.containsKey(JMX_ACCESS_FILE)) {
      throw new ConfigException(JMX_ACCESS_FILE, null, "missing required value; it is required with "
          + JMX_PASSWORD_FILE + ": it gives each user a role (readonly or readwrite), and without it "
          + "every user in the password file could change the master's state");
    }
    applyTls(values, home, server);
  }

  private static void applyTls(Map<String, Object> values, Path home, boolean server) throws ConfigException {
    boolean enabled = (Boolean) values.get(JMX_SSL_ENABLED);
    boolean clientAuth = (Boolean) values.get(JMX_SSL_NEED_CLIENT_AUTH);
    if (!enabled) {
      for (String key : List.of(JMX_SSL_KEYSTORE, JMX_SSL_KEYSTORE_PASSWORD_FILE, JMX_SSL_TRUSTSTORE,
          JMX_SSL_TRUSTSTORE_PASSWORD_FILE)) {
        requireUnset(values, key, JMX_SSL_ENABLED + "=true");
      }
      if (clientAuth) {
        throw new ConfigException(JMX_SSL_NEED_CLIENT_AUTH, "true",
            "has no effect unless " + JMX_SSL_ENABLED + "=true");
      }
      return;
    }
    requirePair(values, home, JMX_SSL_KEYSTORE, JMX_SSL_KEYSTORE_PASSWORD_FILE, JMX_SSL_ENABLED, server);
    if (clientAuth) {
      requirePair(values, home, JMX_SSL_TRUSTSTORE, JMX_SSL_TRUSTSTORE_PASSWORD_FILE, JMX_SSL_NEED_CLIENT_AUTH,
          server);
    } else {
      requireUnset(values, JMX_SSL_TRUSTSTORE, JMX_SSL_NEED_CLIENT_AUTH + "=true");
      requireUnset(values, JMX_SSL_TRUSTSTORE_PASSWORD_FILE, JMX_SSL_NEED_CLIENT_AUTH + "=true");
    }
    if (server) {
      JmxTls.serverContext(values);
    }
  }

  /** A store and its password file, both required once {@code because} is true. */
  private static void requirePair(Map<String, Object> values, Path home, String store, String passwordFile,
      String because, boolean server) throws ConfigException {
    for (String key : List.of(store, passwordFile)) {
      if (!values.containsKey(key)) {
        throw new ConfigException(key, null, "missing required value; it is required when " + because + "=true");
      }
    }
    resolveFile(values, store, home, server);
    resolveSecretFile(values, passwordFile, home, server);
  }

  private static void requireUnset(Map<String, Object> values, String key, String condition) throws ConfigException {
    if (values.containsKey(key)) {
      throw new ConfigException(key, (String) values.get(key), "has no effect unless " + condition);
    }
  }

  /** The file's absolute path; for a master, a readable file. */
  private static void resolveFile(Map<String, Object> values, String key, Path home, boolean server)
      throws ConfigException {
    if (server) {
      CrossKeyRules.resolveReadableFile(values, key, home);
    } else {
      CrossKeyRules.resolveFile(values, key, home);
    }
  }

  /**
   * The file's absolute path; for a master, a readable file that only its owner may read or write
   * (where the file system has POSIX permissions).
   */
  private static void resolveSecretFile(Map<String, Object> values, String key, Path home, boolean server)
      throws ConfigException {
    String text = (String) values.get(key);
    resolveFile(values, key, home, server);
    if (text == null || !server) {
      return;
    }
    Path file = Path.of((String) values.get(key));
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException notPosix) {
      return;
    } catch (IOException e) {
      throw new ConfigException(key, text, "cannot read the permissions of " + file + ": " + e.getMessage());
    }
    if (permissions.stream().anyMatch(GROUP_AND_OTHERS::contains)) {
      throw new ConfigException(key, text, "the file holds passwords, so only its owner may read it, but it is "
          + PosixFilePermissions.toString(permissions) + "; run chmod 600 " + file);
    }
  }

  private static boolean isLoopback(String host) throws ConfigException {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException(JMX_HOST, host, "unknown host");
    }
  }
}
