package io.quire.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

/**
 * The two framework MBeans of Aries JMX that {@code fsadmin bundles} uses, as standard MBeans with
 * the operation signatures of OSGi Enterprise JMX 1.7 and rows with its item names, declared here
 * rather than taken from Aries: the console must work from the names and open types alone.
 */
final class FakeOsgi {
  static final String UUID = "64c14232-feeb-4b29-bcc5-26972227c5e5";
  static final String FRAMEWORK = "osgi.core:type=framework,version=1.7,framework=org.apache.felix.framework,uuid="
      + UUID;
  static final String BUNDLE_STATE = "osgi.core:type=bundleState,version=1.7,framework=org.apache.felix.framework,uuid="
      + UUID;

  /** Starting this bundle fails with an exception whose class only the server has. */
  static final String BROKEN = "quire-broken";

  public interface BundleStateMBean {
    TabularData listBundles() throws IOException;

    TabularData listBundles(String... items) throws IOException;
  }

  public interface FrameworkMBean {
    void startBundle(long id) throws IOException;

    void stopBundle(long id) throws IOException;

    void updateBundleFromURL(long id, String url) throws IOException;
  }

  /** One installed bundle; the framework changes its state and version. */
  static final class Bundle {
    final long id;
    final String symbolicName;
    volatile String version;
    volatile String state = "ACTIVE";

    Bundle(long id, String symbolicName, String version) {
      this.id = id;
      this.symbolicName = symbolicName;
      this.version = version;
    }
  }

  /** The bundles both MBeans share, by id; what the framework was asked, for assertions. */
  static final class Bundles implements BundleStateMBean, FrameworkMBean {
    final Map<Long, Bundle> byId = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    /** An exception class the console's class path lacks, thrown as the cause of a failed start. */
    volatile Exception serverOnly;

    Bundles() {
      // listed out of order: the console sorts by id
      for (Bundle bundle : List.of(new Bundle(20, "quire-daily-backup", "0.1.0.SNAPSHOT"),
          new Bundle(0, "org.apache.felix.framework", "7.0.5"), new Bundle(5, "org.apache.aries.jmx.core", "1.1.8"),
          new Bundle(29, "quire-storage-local", "0.1.0.SNAPSHOT"), new Bundle(31, BROKEN, "1.0.0"),
          new Bundle(40, "twice", "1.0.0"), new Bundle(41, "twice", "2.0.0"))) {
        byId.put(bundle.id, bundle);
      }
      byId.get(31L).state = "RESOLVED";
    }

    @Override
    public TabularData listBundles() throws IOException {
      return listBundles(new String[0]);
    }

    @Override
    public synchronized TabularData listBundles(String... items) throws IOException {
      calls.add("listBundles" + List.of(items));
      try {
        TabularDataSupport table = new TabularDataSupport(TABLE);
        for (Bundle bundle : byId.values()) {
          table.put(row(bundle));
        }
        return table;
      } catch (OpenDataException e) {
        throw new IOException(e.getMessage(), e);
      }
    }

    @Override
    public synchronized void startBundle(long id) throws IOException {
      calls.add("startBundle " + id);
      Bundle bundle = bundle(id);
      if (BROKEN.equals(bundle.symbolicName)) {
        IOException failure = new IOException("Start of bundle with id " + id + " failed with message: "
            + "Unable to resolve " + BROKEN);
        failure.initCause(serverOnly);
        throw failure;
      }
      bundle.state = "ACTIVE";
    }

    @Override
    public synchronized void stopBundle(long id) throws IOException {
      calls.add("stopBundle " + id);
      bundle(id).state = "RESOLVED";
    }

    @Override
    public synchronized void updateBundleFromURL(long id, String url) throws IOException {
      calls.add("updateBundleFromURL " + id + " " + url);
      bundle(id).version = "0.2.0";
    }

    private Bundle bundle(long id) throws IOException {
      Bundle bundle = byId.get(id);
      if (bundle == null) {
        throw new IOException("Bundle with id [" + id + "] not found");
      }
      return bundle;
    }
  }

  private static final CompositeType ROW;
  private static final TabularType TABLE;

  static {
    try {
      ROW = new CompositeType("BUNDLE", "a bundle", new String[] {"Identifier", "SymbolicName", "Version", "State"},
          new String[] {"id", "symbolic name", "version", "state"},
          new OpenType<?>[] {SimpleType.LONG, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING});
      TABLE = new TabularType("BUNDLES", "the bundles", ROW, new String[] {"Identifier"});
    } catch (OpenDataException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static CompositeData row(Bundle bundle) throws OpenDataException {
    return new CompositeDataSupport(ROW, new String[] {"Identifier", "SymbolicName", "Version", "State"},
        new Object[] {bundle.id, bundle.symbolicName, bundle.version, bundle.state});
  }

  private FakeOsgi() {}
}
