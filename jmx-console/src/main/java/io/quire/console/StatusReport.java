package io.quire.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.management.ObjectName;

/**
 * Reads the journal and master status that {@code fsadmin report} prints: one {@code getAttributes}
 * round trip per MBean, each attribute mapped to a labelled field. An MBean or attribute the server
 * does not have gives a {@code null} (n/a) field, so the report works against any server version.
 */
final class StatusReport {
  /** One attribute of one MBean, and how the report names it. */
  private record Item(String attribute, String label, String key) {}

  private static final List<Item> MASTER = List.of(
      new Item("Role", "Role", "role"),
      new Item("State", "State", "state"),
      new Item("StartTime", "Start time", "startTime"),
      new Item("InodeCount", "Inodes", "inodeCount"));

  private static final List<Item> JOURNAL = List.of(
      new Item("Folder", "Journal folder", "journalFolder"),
      new Item("StorageType", "Storage", "storageType"));

  private static final List<Item> STORAGE = List.of(
      new Item("Uri", "Storage URI", "storageUri"),
      new Item("Healthy", "Storage healthy", "storageHealthy"));

  private static final List<Item> JOURNAL_PROGRESS = List.of(
      new Item("LastSequenceNumber", "Last sequence", "lastSequenceNumber"),
      new Item("EntriesSinceCheckpoint", "Entries since checkpoint", "entriesSinceCheckpoint"),
      new Item("LogFileCount", "Log files", "logFileCount"),
      new Item("LogBytes", "Log bytes", "logBytes"),
      new Item("Failure", "Journal failure", "journalFailure"));

  private static final List<Item> CHECKPOINTER = List.of(
      new Item("LastCheckpointSequenceNumber", "Last checkpoint", "lastCheckpointSequenceNumber"),
      new Item("LastCheckpointTime", "Last checkpoint time", "lastCheckpointTime"),
      new Item("LastCheckpointAgeSeconds", "Last checkpoint age (s)", "lastCheckpointAgeSeconds"),
      new Item("PeriodEntries", "Checkpoint period (entries)", "checkpointPeriodEntries"),
      new Item("Overdue", "Checkpoint overdue", "checkpointOverdue"),
      new Item("LastFailure", "Checkpoint failure", "checkpointFailure"));

  private static final List<Item> BACKUP = List.of(
      new Item("LastBackupUri", "Last backup", "lastBackupUri"),
      new Item("LastBackupTime", "Last backup time", "lastBackupTime"),
      new Item("LastBackupEntryCount", "Last backup entries", "lastBackupEntryCount"));

  private static final List<Item> DAILY_BACKUP = List.of(
      new Item("Enabled", "Daily backup", "dailyBackupEnabled"),
      new Item("NextRunTime", "Next backup", "nextBackupTime"));

  private final MasterConnection connection;
  private final List<Field> fields = new ArrayList<>();

  private StatusReport(MasterConnection connection) {
    this.connection = connection;
  }

  static List<Field> read(MasterConnection connection) throws CommandFailure {
    if (connection.query(QuireMBeans.ANY).isEmpty()) {
      throw CommandFailure.failed("no Quire MBeans (domain quire) at " + connection.target() + ": is this a Quire master?");
    }
    StatusReport report = new StatusReport(connection);
    report.add(QuireMBeans.MASTER, MASTER);
    Map<String, Object> journal = report.add(QuireMBeans.JOURNAL, JOURNAL);
    report.add(report.storageName(journal.get("StorageType")), STORAGE);
    report.add(QuireMBeans.JOURNAL, JOURNAL_PROGRESS);
    report.add(QuireMBeans.CHECKPOINTER, CHECKPOINTER);
    report.add(QuireMBeans.BACKUP, BACKUP);
    report.add(QuireMBeans.DAILY_BACKUP, DAILY_BACKUP);
    return List.copyOf(report.fields);
  }

  /** Adds one field per item; returns the values read (empty when the MBean is absent). */
  private Map<String, Object> add(Optional<ObjectName> name, List<Item> items) throws CommandFailure {
    String[] attributes = items.stream().map(Item::attribute).toArray(String[]::new);
    Map<String, Object> values = name.isEmpty()
        ? Map.of()
        : connection.attributes(name.get(), attributes).orElse(Map.of());
    for (Item item : items) {
      fields.add(new Field(item.label(), item.key(), values.get(item.attribute())));
    }
    return values;
  }

  private Map<String, Object> add(ObjectName name, List<Item> items) throws CommandFailure {
    return add(Optional.of(name), items);
  }

  /**
   * The storage MBean of the journal's storage type ({@code name=<type>}); if the server names it
   * otherwise, the first one registered, so a report still shows something useful.
   */
  private Optional<ObjectName> storageName(Object storageType) throws CommandFailure {
    List<ObjectName> names = connection.query(QuireMBeans.JOURNAL_STORAGE_ANY).stream()
        .sorted(Comparator.comparing(ObjectName::getCanonicalName))
        .toList();
    String wanted = storageType == null ? null : storageType.toString().toLowerCase(Locale.ROOT);
    return names.stream()
        .filter(n -> wanted != null && wanted.equals(unquoted(n.getKeyProperty("name"))))
        .findFirst()
        .or(() -> names.stream().findFirst());
  }

  private static String unquoted(String value) {
    return value != null && value.startsWith("\"") ? ObjectName.unquote(value) : value;
  }
}
