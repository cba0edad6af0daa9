package io.quire.launcher;

import io.quire.launcher.config.ConfigException;
import io.quire.launcher.config.ConfigKeys;
import io.quire.launcher.config.JmxTls;
import io.quire.launcher.config.SiteConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.AlreadyBoundException;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JMX connector on {@code quire.jmx.host:quire.jmx.port}: the RMI registry and the RMI
 * server share that one port and listen on that host only, so a firewall needs one rule and
 * nothing listens on other interfaces. Clients use
 * {@code service:jmx:rmi:///jndi/rmi://<host>:<port>/jmxrmi}.
 *
 * <p>With {@code quire.jmx.password.file} and {@code quire.jmx.access.file} the JDK's own file
 * authenticator and access controller check clients, in the jmxremote formats: a {@code readonly}
 * user reads attributes and invokes nothing, a {@code readwrite} user may do everything, and a
 * user without a line in the access file logs in but is refused every call.
 *
 * <p>With {@code quire.jmx.ssl.enabled=true} both the registry and the connector speak TLS only
 * (the JDK agent's {@code registry.ssl} as well as {@code ssl}): the server sockets are TLS
 * sockets on the same host and port, and the stubs carry an {@link SslRMIClientSocketFactory}, so
 * a client that looks the registry up over TLS (JConsole given {@code host:port} tries that
 * first; {@code fsadmin --tls} does it) gets a stub that speaks TLS too. RMI shares one port
 * between exported objects only when their socket factories are equal, so the registry and the
 * connector use the same two factory instances.
 */
final class JmxConnector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JmxConnector.class);
  /** The name clients look up: {@code service:jmx:rmi:///jndi/rmi://host:port/jmxrmi}. */
  private static final String REGISTRY_NAME = "jmxrmi";

  private final Registry registry;
  private final JMXConnectorServer server;

  private JmxConnector(Registry registry, JMXConnectorServer server) {
    this.registry = registry;
    this.server = server;
  }

  /**
   * Opens the connector. Sets {@code java.rmi.server.hostname}, which RMI reads process-wide,
   * so that the stubs handed to clients name the configured host rather than a guess.
   *
   * <p>The connector's stub is bound into the registry object directly rather than through a
   * {@code /jndi/} URL: that would make this process a network client of its own registry, which
   * over TLS would have to trust its own certificate (and present one of its own when clients
   * must).
   */
  static JmxConnector open(SiteConfig config) throws IOException, ConfigException {
    String host = config.jmxHost();
    int port = config.jmxPort();
    InetAddress address = InetAddress.getByName(host);
    Optional<SSLContext> tls = JmxTls.serverContext(config);
    System.setProperty("java.rmi.server.hostname", host);
    BoundSocketFactory sockets = new BoundSocketFactory(address,
        tls.map(SSLContext::getServerSocketFactory).orElse(null), config.jmxSslNeedClientAuth());
    RMIClientSocketFactory clientSockets = tls.isPresent() ? new SslRMIClientSocketFactory() : null;
    Registry registry = LocateRegistry.createRegistry(port, clientSockets, sockets);
    try {
      Map<String, Object> env = new HashMap<>();
      env.put("jmx.remote.rmi.server.credentials.filter.pattern", "java.lang.String;java.lang.String[];!*");
      config.jmxPasswordFile().ifPresent(f -> env.put("jmx.remote.x.password.file", f.toString()));
      config.jmxAccessFile().ifPresent(f -> env.put("jmx.remote.x.access.file", f.toString()));
      RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(port, clientSockets, sockets, env);
      JMXConnectorServer server = new RMIConnectorServer(new JMXServiceURL("rmi", host, port), env, rmiServer,
          ManagementFactory.getPlatformMBeanServer());
      server.start();
      try {
        registry.bind(REGISTRY_NAME, rmiServer.toStub());
      } catch (AlreadyBoundException | IOException | RuntimeException e) {
        server.stop();
        throw new IOException("cannot bind the JMX connector in its registry: " + e, e);
      }
      logSecurity(config, address.isLoopbackAddress());
      return new JmxConnector(registry, server);
    } catch (IOException | RuntimeException e) {
      UnicastRemoteObject.unexportObject(registry, true);
      throw e;
    }
  }

  /** One line on how clients are checked: file paths and flags only, never a secret. */
  private static void logSecurity(SiteConfig config, boolean loopback) {
    String transport = !config.jmxSslEnabled() ? "in clear"
        : config.jmxSslNeedClientAuth() ? "over TLS, client certificates required" : "over TLS";
    String login = config.jmxPasswordFile()
        .map(p -> "users from " + p + ", roles from " + config.jmxAccessFile().orElseThrow())
        .orElse("no authentication (loopback only)");
    LOG.info("JMX connector {}; {}", transport, login);
    if (!loopback && !config.jmxSslEnabled()) {
      LOG.warn("JMX passwords cross the network in clear to {}:{}; set {}=true to encrypt them",
          config.jmxHost(), config.jmxPort(), ConfigKeys.JMX_SSL_ENABLED);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      server.stop();
    } finally {
      try {
        UnicastRemoteObject.unexportObject(registry, true);
      } catch (NoSuchObjectException alreadyGone) {
        // the registry was never exported or is unexported already
      }
    }
  }

  /**
   * Server sockets bound to one address, plain or TLS. Equal instances (the record's equality:
   * same address, the same {@link SSLServerSocketFactory} instance or none, same client-auth flag)
   * let RMI share one listening port between the registry and the connector's remote objects.
   *
   * @param tls the TLS sockets' factory, or null for plain sockets
   * @param needClientAuth whether a TLS client must present a certificate the context trusts
   */
  private record BoundSocketFactory(InetAddress address, SSLServerSocketFactory tls, boolean needClientAuth)
      implements RMIServerSocketFactory {
    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      if (tls == null) {
        return new ServerSocket(port, 50, address);
      }
      SSLServerSocket socket = (SSLServerSocket) tls.createServerSocket(port, 50, address);
      socket.setNeedClientAuth(needClientAuth);
      return socket;
    }
  }
}
