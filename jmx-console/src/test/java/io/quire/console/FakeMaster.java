package io.quire.console;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.security.auth.Subject;

/**
 * A real JMX connector server in the test JVM, set up the way the master's is: RMI registry and
 * connector on one loopback port, {@code jmxrmi} bound in the registry. MBeans are registered as
 * {@link StandardMBean}s built with {@code isMXBean = true}, as the server bundles do.
 */
final class FakeMaster implements AutoCloseable {
  private final MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
  private final int port;
  private final Registry registry;
  private final JMXConnectorServer connector;

  private FakeMaster(Map<String, ?> environment) throws IOException {
    port = freePort();
    registry = LocateRegistry.createRegistry(port);
    JMXServiceURL url = new JMXServiceURL(
        "service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    connector = JMXConnectorServerFactory.newJMXConnectorServer(url, environment, mbeans);
    connector.start();
  }

  static FakeMaster start() throws IOException {
    return new FakeMaster(Map.of());
  }

  /** A master that accepts only {@code user} with {@code password}. */
  static FakeMaster withLogin(String user, String password) throws IOException {
    Map<String, Object> environment = new HashMap<>();
    environment.put(JMXConnectorServer.AUTHENTICATOR, (JMXAuthenticator) credentials -> {
      if (credentials instanceof String[] pair && pair.length == 2
          && user.equals(pair[0]) && password.equals(pair[1])) {
        return new Subject(true, Set.of(new JMXPrincipal(user)), Set.of(), Set.of());
      }
      throw new SecurityException("Invalid credentials");
    });
    return new FakeMaster(environment);
  }

  /**
   * A master whose connector checks logins and access levels with the JDK's own file authenticator
   * and access controller, in the jmxremote formats, as the real master does with
   * {@code quire.jmx.password.file} and {@code quire.jmx.access.file}.
   *
   * @param users user name to password
   * @param access user name to {@code readonly} or {@code readwrite}; a user without one logs in
   *     and is refused every call
   */
  static FakeMaster withAccessFiles(Path folder, Map<String, String> users, Map<String, String> access)
      throws IOException {
    Path passwords = folder.resolve("jmxremote.password");
    Path levels = folder.resolve("jmxremote.access");
    Files.write(passwords, users.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    Files.write(levels, access.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    return new FakeMaster(Map.of("jmx.remote.x.password.file", passwords.toString(),
        "jmx.remote.x.access.file", levels.toString()));
  }

  /** Registers every MBean of the contract, with the values of {@link FakeMBeans}. */
  FakeMaster withAllMBeans(FakeMBeans.BackupBean backup) throws JMException {
    return withAllMBeans(backup, new FakeMBeans.DailyBackupBean());
  }

  FakeMaster withAllMBeans(FakeMBeans.BackupBean backup, FakeMBeans.DailyBackupBean daily) throws JMException {
    withCoreMBeans();
    register("quire:type=Checkpointer", new FakeMBeans.CheckpointerBean(), FakeMBeans.Checkpointer.class);
    register("quire:type=Backup", backup, FakeMBeans.Backup.class);
    register("quire:type=DailyBackup", daily, FakeMBeans.DailyBackup.class);
    register("quire:type=Restore", new FakeMBeans.RestoreBean(), FakeMBeans.Restore.class);
    return this;
  }

  /** The framework and bundle state MBeans of Aries JMX, over {@code bundles}. */
  FakeMaster withOsgi(FakeOsgi.Bundles bundles) throws JMException {
    mbeans.registerMBean(new StandardMBean(bundles, FakeOsgi.FrameworkMBean.class, false),
        new ObjectName(FakeOsgi.FRAMEWORK));
    mbeans.registerMBean(new StandardMBean(bundles, FakeOsgi.BundleStateMBean.class, false),
        new ObjectName(FakeOsgi.BUNDLE_STATE));
    return this;
  }

  /** Master, Journal and JournalStorage only: what a server has before checkpoints and backups. */
  FakeMaster withCoreMBeans() throws JMException {
    register("quire:type=Master", new FakeMBeans.MasterBean(), FakeMBeans.Master.class);
    register("quire:type=Journal", new FakeMBeans.JournalBean(), FakeMBeans.Journal.class);
    register("quire:type=JournalStorage,name=local",
        new FakeMBeans.StorageBean("file:/var/quire/journal"), FakeMBeans.JournalStorage.class);
    return this;
  }

  <T> void register(String name, T implementation, Class<T> mxbeanInterface) throws JMException {
    mbeans.registerMBean(new StandardMBean(implementation, mxbeanInterface, true), new ObjectName(name));
  }

  int port() {
    return port;
  }

  String url() {
    return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi";
  }

  @Override
  public void close() throws IOException {
    connector.stop();
    try {
      UnicastRemoteObject.unexportObject(registry, true);
    } catch (NoSuchObjectException e) {
      // already gone
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
