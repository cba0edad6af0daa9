package io.quire.launcher;

import io.quire.launcher.config.SiteConfig;
import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

/**
 * The JMX connector on {@code quire.jmx.host:quire.jmx.port}: the RMI registry and the RMI
 * server share that one port and listen on that host only, so a firewall needs one rule and
 * nothing listens on other interfaces. Clients use
 * {@code service:jmx:rmi:///jndi/rmi://<host>:<port>/jmxrmi}.
 *
 * <p>With {@code quire.jmx.password.file} (and optionally {@code quire.jmx.access.file}) the
 * JDK's own file authenticator and access controller check clients, in the jmxremote formats.
 */
final class JmxConnector implements AutoCloseable {

  private final Registry registry;
  private final JMXConnectorServer server;

  private JmxConnector(Registry registry, JMXConnectorServer server) {
    this.registry = registry;
    this.server = server;
  }

  /**
   * Opens the connector. Sets {@code java.rmi.server.hostname}, which RMI reads process-wide,
   * so that the stubs handed to clients name the configured host rather than a guess.
   */
  static JmxConnector open(SiteConfig config) throws IOException {
    String host = config.jmxHost();
    int port = config.jmxPort();
    System.setProperty("java.rmi.server.hostname", host);
    BoundSocketFactory sockets = new BoundSocketFactory(InetAddress.getByName(host));
    Registry registry = LocateRegistry.createRegistry(port, null, sockets);
    try {
      Map<String, Object> env = new HashMap<>();
      env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
      env.put("jmx.remote.rmi.server.credentials.filter.pattern", "java.lang.String;java.lang.String[];!*");
      config.jmxPasswordFile().ifPresent(f -> env.put("jmx.remote.x.password.file", f.toString()));
      config.jmxAccessFile().ifPresent(f -> env.put("jmx.remote.x.access.file", f.toString()));
      JMXServiceURL url = new JMXServiceURL(
          "service:jmx:rmi://" + host + ":" + port + "/jndi/rmi://" + host + ":" + port + "/jmxrmi");
      JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
          url, env, ManagementFactory.getPlatformMBeanServer());
      server.start();
      return new JmxConnector(registry, server);
    } catch (IOException | RuntimeException e) {
      UnicastRemoteObject.unexportObject(registry, true);
      throw e;
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
   * Server sockets bound to one address. Equal instances let RMI share one listening port between
   * the registry and the connector's remote objects.
   */
  private record BoundSocketFactory(InetAddress address) implements RMIServerSocketFactory, Serializable {
    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return new ServerSocket(port, 50, address);
    }
  }
}
