package io.quire.console;

import java.util.ArrayList;
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
  private static final List<AttributeItem> MASTER = List.of(
      new AttributeItem("Role", "Role", "role"),
      new AttributeItem("State", "State", "state"),
      new AttributeItem("StartTime", "Start time", "startTime"),
      new AttributeItem("InodeCount", "Inodes", "inodeCount"));

  private static final List<AttributeItem> JOURNAL = List.of(
      new AttributeItem("Folder", "Journal folder", "journalFolder"),
      new AttributeItem("StorageType", "Storage", "storageType"));

  private static final List<AttributeItem> STORAGE = List.of(
      new AttributeItem("Uri", "Storage URI", "storageUri"),
      new AttributeItem("Healthy", "Storage healthy", "storageHealthy"));

  private static final List<AttributeItem> JOURNAL_PROGRESS = List.of(
      new AttributeItem("LastSequenceNumber", "Last sequence", "lastSequenceNumber"),
      new AttributeItem("EntriesSinceCheckpoint", "Entries since checkpoint", "entriesSinceCheckpoint"),
      new AttributeItem("LogFileCount", "Log files", "logFileCount"),
      new AttributeItem("LogBytes", "Log bytes", "logBytes"),
      new AttributeItem("StorageProblem", "Journal storage problem", "journalStorageProblem"),
      new AttributeItem("Failure", "Journal failure", "journalFailure"));

  private static final List<AttributeItem> CHECKPOINTER = List.of(
      new AttributeItem("LastCheckpointSequenceNumber", "Last checkpoint", "lastCheckpointSequenceNumber"),
      new AttributeItem("LastCheckpointTime", "Last checkpoint time", "lastCheckpointTime"),
      new AttributeItem("LastCheckpointAgeSeconds", "Last checkpoint age (s)", "lastCheckpointAgeSeconds"),
      new AttributeItem("PeriodEntries", "Checkpoint period (entries)", "checkpointPeriodEntries"),
      new AttributeItem("Overdue", "Checkpoint overdue", "checkpointOverdue"),
      new AttributeItem("LastFailure", "Checkpoint failure", "checkpointFailure"));

  private static final List<AttributeItem> BACKUP = List.of(
      new AttributeItem("LastBackupUri", "Last backup", "lastBackupUri"),
      new AttributeItem("LastBackupTime", "Last backup time", "lastBackupTime"),
      new AttributeItem("LastBackupEntryCount", "Last backup entries", "lastBackupEntryCount"));

  private static final List<AttributeItem> DAILY_BACKUP = List.of(
      new AttributeItem("Enabled", "Daily backup", "dailyBackupEnabled"),
      new AttributeItem("NextRunTime", "Next backup", "nextBackupTime"));

  private final MasterConnection connection;
  private final List<Field> fields = new ArrayList<>();

  private StatusReport(MasterConnection connection) {
    this.connection = connection;
  }

  static List<Field> read(MasterConnection connection) throws CommandFailure {
    if (connection.query(QuireMBeans.ANY).isEmpty()) {
      throw CommandFailure.failed("no Quire MBeans (domain quire) at " + connection.target()
          + ": is this a Quire master?");
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
  private Map<String, Object> add(Optional<ObjectName> name, List<AttributeItem> items) throws CommandFailure {
    String[] attributes = items.stream().map(AttributeItem::attribute).toArray(String[]::new);
    Map<String, Object> values = name.isEmpty()
        ? Map.of()
        : connection.attributes(name.get(), attributes).orElse(Map.of());
    for (AttributeItem item : items) {
      fields.add(new Field(item.label(), item.key(), values.get(item.attribute())));
    }
    return values;
  }

  private Map<String, Object> add(ObjectName name, List<AttributeItem> items) throws CommandFailure {
    return add(Optional.of(name), items);
  }

  /**
   * The storage MBean of the journal's storage type ({@code name=<type>}); if the server names it
   * otherwise, the first one registered, so a report still shows something useful.
   */
  private Optional<ObjectName> storageName(Object storageType) throws CommandFailure {
    List<ObjectName> names = QuireMBeans.storages(connection);
    String wanted = storageType == null ? null : storageType.toString().toLowerCase(Locale.ROOT);
    return names.stream()
        .filter(n -> wanted != null && wanted.equals(QuireMBeans.storageName(n)))
        .findFirst()
        .or(() -> names.stream().findFirst());
  }
}
