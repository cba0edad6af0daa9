package io.quire.harness;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.naming.Context;

/**
 * A JMX client of one master through its remote connector, as an operator's JConsole is: the
 * Aries JMX framework MBeans ({@code osgi.core:type=framework}, {@code osgi.core:type=bundleState})
 * and Quire's own ({@code quire:type=...}).
 */
public final class MasterJmx implements AutoCloseable {

  /**
   * Hadoop's minicluster jar, on the harness's class path for the HDFS scenarios, holds a
   * {@code jndi.properties} that names Jetty's JNDI context factory, which is not there. The
   * connector looks up the RMI registry with the JDK's own context instead, as it would without
   * that jar; given in the connection's environment, this overrides the file for this connection
   * only (the launcher's ITs set the same as a system property).
   */
  private static final Map<String, String> ENVIRONMENT = Map.of(Context.INITIAL_CONTEXT_FACTORY,
      "com.sun.jndi.rmi.registry.RegistryContextFactory");

  private final JMXConnector connector;
  private final MBeanServerConnection server;

  private MasterJmx(JMXConnector connector) throws IOException {
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
  }

  public static MasterJmx connect(MasterProcess master) throws IOException {
    return new MasterJmx(JMXConnectorFactory.connect(new JMXServiceURL(master.jmxServiceUrl()),
        ENVIRONMENT));
  }

  /** The {@code Identifier} of the installed bundle {@code symbolicName}. */
  public long bundleId(String symbolicName) throws IOException, JMException {
    TabularData bundles = (TabularData) server.invoke(only("osgi.core:type=bundleState,*"),
        "listBundles", new Object[0], new String[0]);
    for (Object row : bundles.values()) {
      CompositeData bundle = (CompositeData) row;
      if (symbolicName.equals(bundle.get("SymbolicName"))) {
        return (Long) bundle.get("Identifier");
      }
    }
    throw new IOException("no bundle " + symbolicName + " is installed");
  }

  /**
   * The framework MBean's {@code updateBundle(id)}: stops the bundle, reloads it from where it
   * was installed, and starts it again; returns once the framework has done so.
   */
  public void updateBundle(long id) throws IOException, JMException {
    server.invoke(only("osgi.core:type=framework,*"), "updateBundle", new Object[] {id},
        new String[] {long.class.getName()});
  }

  /**
   * {@code quire:type=Journal} {@code moveTo(folder)}: moves the running journal to
   * {@code folder} and returns once it has switched, with the journal's account of it.
   */
  public String moveJournal(String folder) throws IOException, JMException {
    return (String) server.invoke(new ObjectName("quire:type=Journal"), "moveTo",
        new Object[] {folder}, new String[] {String.class.getName()});
  }

  public boolean registered(ObjectName name) throws IOException {
    return server.isRegistered(name);
  }

  public Object attribute(ObjectName name, String attribute) throws IOException, JMException {
    return server.getAttribute(name, attribute);
  }

  private ObjectName only(String pattern) throws IOException, JMException {
    Set<ObjectName> names = server.queryNames(new ObjectName(pattern), null);
    if (names.size() != 1) {
      throw new IOException("expected one MBean " + pattern + ", found " + names);
    }
    return names.iterator().next();
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
