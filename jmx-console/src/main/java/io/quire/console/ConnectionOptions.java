package io.quire.console;

import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import picocli.CommandLine.Option;

/**
 * Where the master's JMX connector is and how to log in: shared by every fsadmin subcommand.
 *
 * <p>TLS ({@code --tls}, or {@code quire.jmx.ssl.enabled=true} in the configuration when no
 * {@code --url} is given): the registry is looked up through an {@link SslRMIClientSocketFactory}
 * (the JNDI environment entry {@value #REGISTRY_SOCKET_FACTORY}), and the connector is told to
 * accept only a stub that speaks TLS as well ({@value #CHECK_STUB}), so a registry that hands out a
 * stub in clear cannot downgrade the connection. The trust store (and, for a master that wants
 * client certificates, the key store) become this process's default TLS context, which the JDK's
 * RMI socket factory uses; this is a short-lived command, so nothing else shares that default.
 * Without {@code --truststore} the JVM's own trust applies ({@code cacerts}, or
 * {@code -Djavax.net.ssl.trustStore} in {@code QUIRE_JAVA_OPTS}).
 */
final class ConnectionOptions {
  static final String PASSWORD_ENV = "QUIRE_JMX_PASSWORD";
  static final String TRUSTSTORE_PASSWORD_ENV = "QUIRE_JMX_TRUSTSTORE_PASSWORD";
  static final String KEYSTORE_PASSWORD_ENV = "QUIRE_JMX_KEYSTORE_PASSWORD";
  /** The configuration key of the launcher that turns TLS on for the master's connector. */
  static final String SSL_ENABLED_KEY = "quire.jmx.ssl.enabled";
  static final String REGISTRY_SOCKET_FACTORY = "com.sun.jndi.rmi.factory.socket";
  static final String CHECK_STUB = "jmx.remote.x.check.stub";
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 19991;
  static final int DEFAULT_SECONDARY_PORT = 19992;

  @Option(names = "--url", paramLabel = "JMX_URL",
      description = "JMX service URL (default: service:jmx:rmi:///jndi/rmi://<quire.jmx.host>:<quire.jmx.port>/jmxrmi from the configuration)")
  String url;

  @Option(names = "--conf", paramLabel = "DIR",
      description = "configuration folder holding quire-site.properties (default: the launcher's --conf, $QUIRE_CONF_DIR, conf)")
  Path confDir;

  @Option(names = "--secondary",
      description = "the secondary master of this configuration (its JMX connector on quire.secondary.jmx.port)")
  boolean secondary;

  @Option(names = "--user", description = "JMX user name")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "file whose first line is the JMX password (default: $" + PASSWORD_ENV + ")")
  Path passwordFile;

  @Option(names = "--tls",
      description = "connect over TLS, as a master with " + SSL_ENABLED_KEY + "=true needs (default: that key of "
          + "the configuration, unless --url is given)")
  boolean tls;

  @Option(names = "--truststore", paramLabel = "FILE",
      description = "PKCS12 or JKS store holding the master's certificate (or its CA) (default: the JVM's trust)")
  Path trustStore;

  @Option(names = "--truststore-password-file", paramLabel = "FILE",
      description = "file whose first line is the trust store's password (default: $" + TRUSTSTORE_PASSWORD_ENV
          + "; none: a JKS store is then read unchecked)")
  Path trustStorePasswordFile;

  @Option(names = "--keystore", paramLabel = "FILE",
      description = "PKCS12 or JKS store with this client's key and certificate, for a master with "
          + "quire.jmx.ssl.need.client.auth=true")
  Path keyStore;

  @Option(names = "--keystore-password-file", paramLabel = "FILE",
      description = "file whose first line is the key store's password (default: $" + KEYSTORE_PASSWORD_ENV + ")")
  Path keyStorePasswordFile;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
      description = "how long to wait for the connection (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  boolean help;

  /** Resolves the URL and the credentials; reads the configuration only when it is needed. */
  ConnectionTarget target(FsAdmin context) throws CommandFailure {
    if (timeoutSeconds <= 0) {
      throw CommandFailure.usage("--timeout must be positive, not " + timeoutSeconds);
    }
    JMXServiceURL serviceUrl = serviceUrl(context);
    Map<String, Object> environment = new HashMap<>(credentials(context));
    if (usesTls(context)) {
      installTlsContext(context);
      environment.put(REGISTRY_SOCKET_FACTORY, new SslRMIClientSocketFactory());
      environment.put(CHECK_STUB, "true");
    } else if (trustStore != null || keyStore != null || trustStorePasswordFile != null || keyStorePasswordFile != null) {
      throw CommandFailure.usage("--truststore and --keystore need --tls (or " + SSL_ENABLED_KEY
          + "=true in the configuration)");
    }
    return new ConnectionTarget(serviceUrl, environment, Duration.ofSeconds(timeoutSeconds));
  }

  /** {@code --tls}, else without {@code --url} what the configuration says. */
  private boolean usesTls(FsAdmin context) throws CommandFailure {
    if (tls) {
      return true;
    }
    if (url != null) {
      return false;
    }
    String enabled = siteConfig(context).get(SSL_ENABLED_KEY, "false");
    if (!enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
      throw CommandFailure.usage(SSL_ENABLED_KEY + " = '" + enabled + "' is not true or false");
    }
    return Boolean.parseBoolean(enabled);
  }

  /**
   * The configuration this command points at: its own {@code --conf}, else the launcher's or
   * {@code $QUIRE_CONF_DIR}, else {@code conf/} (which alone may be missing: then the defaults apply).
   */
  SiteConfig siteConfig(FsAdmin context) throws CommandFailure {
    if (confDir != null) {
      return SiteConfig.load(confDir, true);
    }
    Optional<Path> named = context.confDir();
    return named.isPresent() ? SiteConfig.load(named.get(), true) : SiteConfig.load(Path.of("conf"), false);
  }

  private JMXServiceURL serviceUrl(FsAdmin context) throws CommandFailure {
    String text = url;
    if (text != null && secondary) {
      throw CommandFailure.usage("--url and --secondary both name a master: give one");
    }
    if (text == null) {
      SiteConfig conf = siteConfig(context);
      String host = conf.get(SiteConfig.JMX_HOST, DEFAULT_HOST);
      int port = secondary ? conf.port(SiteConfig.SECONDARY_JMX_PORT, DEFAULT_SECONDARY_PORT)
          : conf.port(SiteConfig.JMX_PORT, DEFAULT_PORT);
      String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
      text = "service:jmx:rmi:///jndi/rmi://" + hostPart + ":" + port + "/jmxrmi";
    }
    try {
      return new JMXServiceURL(text);
    } catch (MalformedURLException e) {
      throw CommandFailure.usage("malformed JMX URL '" + text + "': " + CommandFailure.reason(e), e);
    }
  }

  private Map<String, ?> credentials(FsAdmin context) throws CommandFailure {
    if (user == null) {
      if (passwordFile != null) {
        throw CommandFailure.usage("--password-file needs --user");
      }
      return Map.of();
    }
    String password = passwordFile != null ? readPassword() : context.environment().apply(PASSWORD_ENV);
    if (password == null) {
      throw CommandFailure.usage("--user needs a password: --password-file FILE or $" + PASSWORD_ENV);
    }
    return Map.of(JMXConnector.CREDENTIALS, new String[] {user, password});
  }

  private String readPassword() throws CommandFailure {
    try {
      return Files.readString(passwordFile).lines().findFirst().orElse("");
    } catch (IOException e) {
      // the path is safe to show; the content is never read into a message
      throw CommandFailure.usage("cannot read password file " + passwordFile + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Makes the trust store and the key store, when given, this process's default TLS context.
   * Every problem with them is a usage error naming the option and the file, never a password.
   */
  private void installTlsContext(FsAdmin context) throws CommandFailure {
    if (keyStorePasswordFile != null && keyStore == null) {
      throw CommandFailure.usage("--keystore-password-file needs --keystore");
    }
    if (trustStorePasswordFile != null && trustStore == null) {
      throw CommandFailure.usage("--truststore-password-file needs --truststore");
    }
    if (trustStore == null && keyStore == null) {
      return;
    }
    TrustManager[] trust = trustStore == null ? null : trustManagers(context);
    KeyManager[] keys = keyStore == null ? null : keyManagers(context);
    try {
      SSLContext tlsContext = SSLContext.getInstance("TLS");
      tlsContext.init(keys, trust, null);
      SSLContext.setDefault(tlsContext);
    } catch (GeneralSecurityException e) {
      throw CommandFailure.usage("cannot make a TLS context: " + CommandFailure.reason(e), e);
    }
  }

  private TrustManager[] trustManagers(FsAdmin context) throws CommandFailure {
    char[] password = storePassword(trustStorePasswordFile, "--truststore-password-file", TRUSTSTORE_PASSWORD_ENV, context);
    try {
      KeyStore store = openStore("--truststore", trustStore, password);
      if (store.size() == 0) {
        throw CommandFailure.usage("--truststore " + trustStore + " holds no certificates"
            + (password == null ? " that can be read without its password: give it with --truststore-password-file or $"
                + TRUSTSTORE_PASSWORD_ENV : ""));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw CommandFailure.usage("cannot use --truststore " + trustStore + ": " + CommandFailure.reason(e), e);
    } finally {
      clear(password);
    }
  }

  private KeyManager[] keyManagers(FsAdmin context) throws CommandFailure {
    char[] password = storePassword(keyStorePasswordFile, "--keystore-password-file", KEYSTORE_PASSWORD_ENV, context);
    if (password == null) {
      throw CommandFailure.usage("--keystore needs a password: --keystore-password-file FILE or $" + KEYSTORE_PASSWORD_ENV);
    }
    try {
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(openStore("--keystore", keyStore, password), password);
      return factory.getKeyManagers();
    } catch (UnrecoverableKeyException e) {
      throw CommandFailure.usage("--keystore " + keyStore + ": its key does not open with the store's password", e);
    } catch (GeneralSecurityException e) {
      throw CommandFailure.usage("cannot use --keystore " + keyStore + ": " + CommandFailure.reason(e), e);
    } finally {
      clear(password);
    }
  }

  /** Opens a PKCS12 or JKS store (the type is detected); a wrong password is said as such. */
  private static KeyStore openStore(String option, Path file, char[] password) throws CommandFailure {
    try {
      return KeyStore.getInstance(file.toFile(), password);
    } catch (KeyStoreException e) {
      throw CommandFailure.usage(option + " " + file + " is not a PKCS12 or JKS key store", e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw CommandFailure.usage(option + " " + file + ": wrong password", e);
      }
      throw CommandFailure.usage("cannot read " + option + " " + file + ": " + CommandFailure.reason(e), e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // IllegalArgumentException: the file does not exist or is not a regular file
      throw CommandFailure.usage("cannot read " + option + " " + file + ": " + CommandFailure.reason(e), e);
    }
  }

  /** A store's password from its file (first line) or the environment, or null when neither gives one. */
  private static char[] storePassword(Path file, String option, String variable, FsAdmin context)
      throws CommandFailure {
    if (file == null) {
      String fromEnvironment = context.environment().apply(variable);
      return fromEnvironment == null ? null : fromEnvironment.toCharArray();
    }
    try {
      return PasswordFiles.firstLine(file);
    } catch (IOException e) {
      throw CommandFailure.usage("cannot read " + option + " " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static void clear(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }

}
