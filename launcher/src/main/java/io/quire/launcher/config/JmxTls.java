package io.quire.launcher.config;

import static io.quire.launcher.config.ConfigKeys.JMX_SSL_ENABLED;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_KEYSTORE;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_KEYSTORE_PASSWORD_FILE;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_NEED_CLIENT_AUTH;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_TRUSTSTORE;
import static io.quire.launcher.config.ConfigKeys.JMX_SSL_TRUSTSTORE_PASSWORD_FILE;

import io.quire.console.PasswordFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of the JMX connector, made from the {@code quire.jmx.ssl.*} files.
 *
 * <p>Passwords are read from their files only while the context is made, into arrays that are
 * cleared afterwards. They never enter the configuration's values, which the server logs and
 * publishes to Config Admin, and no message here carries one: errors name the key and the file.
 * The configuration is checked by making the context once ({@link JmxRules}); the connector
 * makes it again when it opens.
 */
public final class JmxTls {

  private JmxTls() {}

  /** The connector's TLS context, or empty when {@code quire.jmx.ssl.enabled=false}. */
  public static Optional<SSLContext> serverContext(SiteConfig config) throws ConfigException {
    return serverContext(config.values());
  }

  static Optional<SSLContext> serverContext(Map<String, Object> values) throws ConfigException {
    if (!(Boolean) values.get(JMX_SSL_ENABLED)) {
      return Optional.empty();
    }
    KeyManager[] keys = keyManagers(values);
    TrustManager[] trust = (Boolean) values.get(JMX_SSL_NEED_CLIENT_AUTH) ? trustManagers(values) : null;
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return Optional.of(context);
    } catch (GeneralSecurityException e) {
      throw new ConfigException(JMX_SSL_KEYSTORE, (String) values.get(JMX_SSL_KEYSTORE),
          "cannot make a TLS context from it: " + e.getMessage());
    }
  }

  private static KeyManager[] keyManagers(Map<String, Object> values) throws ConfigException {
    String store = (String) values.get(JMX_SSL_KEYSTORE);
    char[] password = readPassword(JMX_SSL_KEYSTORE_PASSWORD_FILE, (String) values.get(JMX_SSL_KEYSTORE_PASSWORD_FILE));
    try {
      KeyStore keyStore = open(JMX_SSL_KEYSTORE, store, JMX_SSL_KEYSTORE_PASSWORD_FILE, password);
      if (!hasPrivateKey(keyStore)) {
        throw new ConfigException(JMX_SSL_KEYSTORE, store,
            "holds no private key with its certificate (make one with keytool -genkeypair)");
      }
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keyStore, password);
      return factory.getKeyManagers();
    } catch (UnrecoverableKeyException e) {
      throw new ConfigException(JMX_SSL_KEYSTORE, store, "its private key does not open with the store's "
          + "password (from " + JMX_SSL_KEYSTORE_PASSWORD_FILE + "); give the key the same password as the store");
    } catch (GeneralSecurityException e) {
      throw new ConfigException(JMX_SSL_KEYSTORE, store, "cannot use its key: " + e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static TrustManager[] trustManagers(Map<String, Object> values) throws ConfigException {
    String store = (String) values.get(JMX_SSL_TRUSTSTORE);
    char[] password = readPassword(JMX_SSL_TRUSTSTORE_PASSWORD_FILE,
        (String) values.get(JMX_SSL_TRUSTSTORE_PASSWORD_FILE));
    try {
      KeyStore trustStore = open(JMX_SSL_TRUSTSTORE, store, JMX_SSL_TRUSTSTORE_PASSWORD_FILE, password);
      if (trustStore.size() == 0) {
        throw new ConfigException(JMX_SSL_TRUSTSTORE, store,
            "holds no certificates (add the clients' with keytool -importcert)");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new ConfigException(JMX_SSL_TRUSTSTORE, store, "cannot use its certificates: " + e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Opens a PKCS12 or JKS store (the type is detected). A wrong password is told apart from a
   * file that is not a store; neither message holds the password.
   */
  private static KeyStore open(String key, String store, String passwordKey, char[] password)
      throws ConfigException {
    try {
      return KeyStore.getInstance(Path.of(store).toFile(), password);
    } catch (KeyStoreException e) {
      throw new ConfigException(key, store, "not a PKCS12 or JKS key store");
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new ConfigException(key, store, "wrong password: it does not open with the password in "
            + passwordKey);
      }
      throw new ConfigException(key, store, "cannot read it: " + e.getMessage());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // IllegalArgumentException: the file is gone or no longer a regular file
      throw new ConfigException(key, store, "cannot read it: " + e.getMessage());
    }
  }

  private static boolean hasPrivateKey(KeyStore store) throws KeyStoreException {
    for (String alias : Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias) && store.getCertificate(alias) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first line of a password file, as characters: the bytes and the decoded buffer are
   * cleared, so that no {@code String} of the password is left for the garbage collector.
   */
  static char[] readPassword(String key, String file) throws ConfigException {
    char[] password;
    try {
      password = PasswordFiles.firstLine(Path.of(file));
    } catch (IOException e) {
      throw new ConfigException(key, file, "cannot read it: " + e.getClass().getSimpleName());
    }
    if (password.length == 0) {
      throw new ConfigException(key, file, "holds no password: its first line must be the password");
    }
    return password;
  }
}
