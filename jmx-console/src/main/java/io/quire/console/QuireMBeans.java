package io.quire.console;

import java.util.Comparator;
import java.util.List;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The ObjectNames of the operator contract (domain {@code quire}), and the patterns that find the
 * OSGi framework's MBeans of Aries JMX (their names carry {@code framework} and {@code uuid} keys).
 */
final class QuireMBeans {
  static final ObjectName ANY = name("quire:*");
  static final ObjectName MASTER = name("quire:type=Master");
  static final ObjectName JOURNAL = name("quire:type=Journal");
  static final ObjectName JOURNAL_STORAGE_ANY = name("quire:type=JournalStorage,*");
  static final ObjectName CHECKPOINTER = name("quire:type=Checkpointer");
  static final ObjectName BACKUP = name("quire:type=Backup");
  static final ObjectName DAILY_BACKUP = name("quire:type=DailyBackup");
  static final ObjectName RESTORE = name("quire:type=Restore");
  static final ObjectName OSGI_FRAMEWORK_ANY = name("osgi.core:type=framework,version=1.7,*");
  static final ObjectName OSGI_BUNDLE_STATE_ANY = name("osgi.core:type=bundleState,version=1.7,*");

  private QuireMBeans() {}

  /** Every {@code quire:type=JournalStorage} MBean of the master, sorted by name. */
  static List<ObjectName> storages(MasterConnection master) throws CommandFailure {
    return master.query(JOURNAL_STORAGE_ANY).stream()
        .sorted(Comparator.comparing(ObjectName::getCanonicalName))
        .toList();
  }

  /** The {@code name} key of a storage MBean ({@code local}, {@code nfs}, {@code hdfs}), unquoted. */
  static String storageName(ObjectName storage) {
    String value = storage.getKeyProperty("name");
    return value != null && value.startsWith("\"") ? ObjectName.unquote(value) : value;
  }

  private static ObjectName name(String name) {
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException(name, e);
    }
  }
}
