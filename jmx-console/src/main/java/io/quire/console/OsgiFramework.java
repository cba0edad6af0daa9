package io.quire.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The master's OSGi framework through the MBeans of Aries JMX (OSGi Enterprise JMX 1.7):
 * {@code osgi.core:type=bundleState} lists the bundles, {@code osgi.core:type=framework} starts,
 * stops and updates them. Both names carry {@code framework} and {@code uuid} keys, so they are
 * found by pattern.
 */
final class OsgiFramework {
  /** The only rows {@code listBundles} needs to fill (the whole row holds headers, packages, services). */
  private static final String[] ITEMS = {"Identifier", "SymbolicName", "Version", "State"};

  /** One bundle as the framework reports it. */
  record Bundle(long id, String symbolicName, String version, String state) {
    List<Field> fields() {
      return List.of(new Field("ID", "id", id), new Field("State", "state", state),
          new Field("Symbolic name", "symbolicName", symbolicName), new Field("Version", "version", version));
    }

    /** "bundle 20 (quire-daily-backup)", for messages. */
    @Override
    public String toString() {
      return "bundle " + id + " (" + symbolicName + ")";
    }
  }

  private final MasterConnection master;
  private final ObjectName framework;
  private final ObjectName bundleState;

  private OsgiFramework(MasterConnection master, ObjectName framework, ObjectName bundleState) {
    this.master = master;
    this.framework = framework;
    this.bundleState = bundleState;
  }

  static OsgiFramework find(MasterConnection master) throws CommandFailure {
    return new OsgiFramework(master, only(master, QuireMBeans.OSGI_FRAMEWORK_ANY, "framework"),
        only(master, QuireMBeans.OSGI_BUNDLE_STATE_ANY, "bundle state"));
  }

  private static ObjectName only(MasterConnection master, ObjectName pattern, String what) throws CommandFailure {
    Set<ObjectName> names = master.query(pattern);
    if (names.isEmpty()) {
      throw CommandFailure.failed("this master has no OSGi " + what + " MBean (" + pattern
          + "): is the bundle org.apache.aries.jmx.core active?");
    }
    if (names.size() > 1) {
      throw CommandFailure.failed("several OSGi frameworks at " + master.target() + " have a " + what
          + " MBean: " + names);
    }
    return names.iterator().next();
  }

  /** Every bundle, sorted by id. */
  List<Bundle> bundles() throws CommandFailure {
    Object listed = master.invoke(bundleState, "listBundles", List.of(MasterConnection.Parameter.of(ITEMS)),
        reason -> "cannot list the bundles at " + master.target() + ": " + reason);
    if (!(listed instanceof TabularData table)) {
      throw CommandFailure.failed("listBundles on " + bundleState + " returned " + listed + ", not a table of bundles");
    }
    List<Bundle> bundles = new ArrayList<>();
    for (Object row : table.values()) {
      CompositeData bundle = (CompositeData) row;
      bundles.add(new Bundle(((Number) bundle.get("Identifier")).longValue(), (String) bundle.get("SymbolicName"),
          (String) bundle.get("Version"), (String) bundle.get("State")));
    }
    bundles.sort(Comparator.comparingLong(Bundle::id));
    return bundles;
  }

  /**
   * The bundle an operator named: all digits is an id, anything else a symbolic name, which must
   * name one bundle.
   */
  Bundle bundle(String idOrName) throws CommandFailure {
    List<Bundle> all = bundles();
    if (idOrName.chars().allMatch(Character::isDigit)) {
      return all.stream().filter(b -> Long.toString(b.id()).equals(idOrName)).findFirst()
          .orElseThrow(() -> CommandFailure.failed("no bundle with id " + idOrName + " at " + master.target()
              + " (fsadmin bundles list shows them)"));
    }
    List<Bundle> named = all.stream().filter(b -> idOrName.equals(b.symbolicName())).toList();
    if (named.isEmpty()) {
      throw CommandFailure.failed("no bundle named '" + idOrName + "' at " + master.target()
          + " (fsadmin bundles list shows them)");
    }
    if (named.size() > 1) {
      throw CommandFailure.failed("several bundles are named '" + idOrName + "' (ids "
          + named.stream().map(b -> Long.toString(b.id())).toList() + "): give the id");
    }
    return named.get(0);
  }

  /** The bundle as it is now (after an operation on it). */
  Bundle refreshed(Bundle bundle) throws CommandFailure {
    return bundles().stream().filter(b -> b.id() == bundle.id()).findFirst()
        .orElseThrow(() -> CommandFailure.failed(bundle + " is no longer installed"));
  }

  void start(Bundle bundle) throws CommandFailure {
    change(bundle, "startBundle", List.of(), reason -> "cannot start " + bundle + ": " + reason);
  }

  void stop(Bundle bundle) throws CommandFailure {
    change(bundle, "stopBundle", List.of(), reason -> "cannot stop " + bundle + ": " + reason);
  }

  /** Updates the bundle from a jar the master reads at {@code jar}; the framework restarts it if it was active. */
  void update(Bundle bundle, URI jar) throws CommandFailure {
    change(bundle, "updateBundleFromURL", List.of(MasterConnection.Parameter.of(jar.toString())),
        reason -> "cannot update " + bundle + " from " + jar + ": " + reason);
  }

  private void change(Bundle bundle, String operation, List<MasterConnection.Parameter> more,
      UnaryOperator<String> failed) throws CommandFailure {
    List<MasterConnection.Parameter> parameters = new ArrayList<>();
    parameters.add(MasterConnection.Parameter.of(bundle.id()));
    parameters.addAll(more);
    master.invoke(framework, operation, parameters, failed);
  }
}
