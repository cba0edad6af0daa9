package io.quire.console;

import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXServiceURL;
import picocli.CommandLine.Option;

/** Where the master's JMX connector is and how to log in: shared by every fsadmin subcommand. */
final class ConnectionOptions {
  static final String PASSWORD_ENV = "QUIRE_JMX_PASSWORD";
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
    return new ConnectionTarget(serviceUrl(context), credentials(context), Duration.ofSeconds(timeoutSeconds));
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

}
