package io.quire.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.launcher.config.SiteConfigLoader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.management.Descriptor;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MBeans as JConsole sees them: over the real remote connector, every MBean of domain
 * {@code quire} and the OSGi framework and bundle state MBeans declare open types only (every
 * attribute, operation result and parameter), and every readable attribute can be read by a
 * client whose class loader has no Quire class, and arrives as JDK classes only.
 */
class OpenTypesIT {

  /** Names the walk must find; others in domain quire are walked too. */
  private static final List<String> EXPECTED = List.of("quire:type=Master", "quire:type=Journal",
      "quire:type=JournalStorage,name=local", "quire:type=Checkpointer", "quire:type=Backup",
      "quire:type=DailyBackup", "quire:type=Restore", "osgi.core:type=framework", "osgi.core:type=bundleState",
      "quire.metrics:name=quireJournalSync", "quire.metrics:name=quireJournalAppends");

  @TempDir
  Path home;

  private QuireCommand quire;
  private Path conf;

  @AfterEach
  void stop() throws Exception {
    quire.run(conf, "stop");
    quire.killLeftovers();
  }

  @Test
  void everyMBeanHasOpenTypesOnlyAndIsReadableWithoutQuireClasses() throws Exception {
    quire = new QuireCommand(home);
    conf = quire.configure("conf");
    assertEquals(0, quire.run(conf, "format").exit());
    assertEquals(0, quire.run(conf, "start").exit());
    quire.mkdirs(conf, "/o", 3);
    assertEquals(0, quire.run(conf, "fsadmin", "backup").exit(), "a backup, so its attributes have values");

    // this class's own folder only: the test classes, none of Quire's main classes
    URL testClasses = OpenTypesIT.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader client = new URLClassLoader(new URL[] {testClasses}, ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class, () -> client.loadClass("io.quire.master.MasterMXBean"));
      @SuppressWarnings("unchecked")
      Function<String, Map<String, List<String>>> jconsole = (Function<String, Map<String, List<String>>>)
          client.loadClass(JConsoleView.class.getName()).getConstructor().newInstance();
      assertEquals(client, jconsole.getClass().getClassLoader(), "the walk runs in the Quire-free loader");

      Map<String, List<String>> seen = jconsole.apply(SiteConfigLoader.load(conf, home).jmxServiceUrl());

      assertEquals(List.of(), seen.get("problems"), "every MBean as JConsole sees it");
      for (String expected : EXPECTED) {
        assertTrue(seen.get("mbeans").stream().anyMatch(name -> name.startsWith(expected)),
            expected + " walked: " + seen.get("mbeans"));
      }
      assertTrue(seen.get("attributes").size() > 60, "attributes read: " + seen.get("attributes"));
    }
  }

  /**
   * A JMX client such as JConsole: it knows the JDK only. Loaded by a class loader without
   * Quire's classes, so the RMI client resolves every class of an answer against the JDK alone
   * (RMI looks classes up through the nearest user class loader on the stack: this one).
   * Returns {@code mbeans}, {@code attributes} read and {@code problems}, each naming the MBean
   * and the attribute or operation.
   */
  public static final class JConsoleView implements Function<String, Map<String, List<String>>> {
    private static final Set<String> OPEN = Set.of("boolean", "byte", "char", "short", "int", "long", "float",
        "double", "java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Short",
        "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.String",
        "java.math.BigDecimal", "java.math.BigInteger", "java.util.Date", "javax.management.ObjectName",
        "javax.management.openmbean.CompositeData", "javax.management.openmbean.TabularData");

    private final List<String> problems = new ArrayList<>();
    private final List<String> attributes = new ArrayList<>();

    @Override
    public Map<String, List<String>> apply(String url) {
      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      thread.setContextClassLoader(getClass().getClassLoader());
      List<String> mbeans = new ArrayList<>();
      Map<String, Object> environment = new HashMap<>();
      environment.put("jmx.remote.default.class.loader", getClass().getClassLoader());
      try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url), environment)) {
        MBeanServerConnection server = connector.getMBeanServerConnection();
        Set<ObjectName> names = new TreeSet<>(server.queryNames(new ObjectName("quire:*"), null));
        names.addAll(server.queryNames(new ObjectName("osgi.core:type=framework,*"), null));
        names.addAll(server.queryNames(new ObjectName("osgi.core:type=bundleState,*"), null));
        // Micrometer's JMX registry: the journal's sync timer and appends counter stand for the rest
        names.addAll(server.queryNames(new ObjectName("quire.metrics:name=quireJournalSync,*"), null));
        names.addAll(server.queryNames(new ObjectName("quire.metrics:name=quireJournalAppends,*"), null));
        for (ObjectName name : names) {
          mbeans.add(name.toString());
          walk(server, name);
        }
      } catch (Exception e) {
        problems.add("cannot walk the MBeans at " + url + ": " + oneLine(e));
      } finally {
        thread.setContextClassLoader(before);
      }
      return Map.of("mbeans", mbeans, "attributes", attributes, "problems", problems);
    }

    private void walk(MBeanServerConnection server, ObjectName name) {
      MBeanInfo info;
      try {
        info = server.getMBeanInfo(name);
      } catch (Exception e) {
        problems.add(name + ": its MBeanInfo cannot be read without Quire's classes: " + oneLine(e));
        return;
      }
      for (MBeanAttributeInfo attribute : info.getAttributes()) {
        String where = name + " attribute " + attribute.getName();
        checkType(where, attribute.getType(), attribute.getDescriptor());
        if (attribute.isReadable()) {
          read(server, name, attribute.getName(), where);
        }
      }
      for (MBeanOperationInfo operation : info.getOperations()) {
        String where = name + " operation " + operation.getName();
        if (!"void".equals(operation.getReturnType())) {
          checkType(where + " result", operation.getReturnType(), operation.getDescriptor());
        }
        for (MBeanParameterInfo parameter : operation.getSignature()) {
          checkType(where + " parameter " + parameter.getName(), parameter.getType(), parameter.getDescriptor());
        }
      }
    }

    private void read(MBeanServerConnection server, ObjectName name, String attribute, String where) {
      try {
        Object value = server.getAttribute(name, attribute);
        attributes.add(name + " " + attribute);
        String foreign = foreignClass(value);
        if (foreign != null) {
          problems.add(where + ": its value holds " + foreign + ", not a JDK class");
        }
      } catch (Exception e) {
        problems.add(where + ": cannot be read without Quire's classes: " + oneLine(e));
      }
    }

    private static String oneLine(Exception e) {
      return e.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The declared type, and the MXBean descriptor's {@code openType} where there is one. */
    private void checkType(String where, String type, Descriptor descriptor) {
      if (!isOpen(type)) {
        problems.add(where + ": type " + type + " is not an open type");
      }
      Object openType = descriptor == null ? null : descriptor.getFieldValue("openType");
      if (openType != null && !(openType instanceof OpenType<?> open && isOpen(open.getClassName()))) {
        problems.add(where + ": descriptor openType " + openType + " is not an open type");
      }
    }

    /** {@code long}, {@code java.lang.String}, {@code [J}, {@code [[Ljava.lang.String;} and the like. */
    private static boolean isOpen(String type) {
      String element = type;
      while (element.startsWith("[")) {
        element = element.substring(1);
      }
      if (element.equals(type)) {
        return OPEN.contains(type);
      }
      if (element.length() == 1) {
        return "ZBCSIJFD".contains(element);
      }
      return element.startsWith("L") && element.endsWith(";")
          && OPEN.contains(element.substring(1, element.length() - 1));
    }

    /** The first class in the value that is not the JDK's (its loader is not the boot loader), or null. */
    private static String foreignClass(Object value) {
      if (value == null) {
        return null;
      }
      Class<?> type = value.getClass();
      while (type.isArray()) {
        type = type.getComponentType();
      }
      if (type.getClassLoader() != null) {
        return type.getName();
      }
      if (value instanceof CompositeData composite) {
        for (Object item : composite.values()) {
          String foreign = foreignClass(item);
          if (foreign != null) {
            return foreign;
          }
        }
      } else if (value instanceof TabularData table) {
        for (Object row : table.values()) {
          String foreign = foreignClass(row);
          if (foreign != null) {
            return foreign;
          }
        }
      } else if (value instanceof Object[] items) {
        for (Object item : items) {
          String foreign = foreignClass(item);
          if (foreign != null) {
            return foreign;
          }
        }
      }
      return null; // a JDK scalar, or an array of primitives
    }
  }
}
