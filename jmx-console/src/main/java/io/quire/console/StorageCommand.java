package io.quire.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.management.ObjectName;
import picocli.CommandLine.Command;

/** {@code fsadmin storage}: every journal storage backend the master has, one block each. */
@Command(name = "storage",
    description = {"Prints the status of every journal storage backend of the master.",
        "One block per quire:type=JournalStorage,name=<local|nfs|hdfs> MBean, sorted by name, with Uri, Type,"
            + " Healthy, BytesWritten, Syncs and whatever else the master's MBeans have.",
        "--json prints an array with one object per storage."},
    footer = "Exit codes: 0 ok, 1 master unreachable or without a JournalStorage MBean,"
        + AdminCommand.EXIT_USAGE_REFUSED)
final class StorageCommand extends AdminCommand {
  private static final List<AttributeItem> STATUS = List.of(
      new AttributeItem("Uri", "URI", "uri"),
      new AttributeItem("Type", "Type", "type"),
      new AttributeItem("Healthy", "Healthy", "healthy"),
      new AttributeItem("BytesWritten", "Bytes written", "bytesWritten"),
      new AttributeItem("Syncs", "Syncs", "syncs"));

  @Override
  Output run(MasterConnection master) throws CommandFailure {
    List<List<Field>> storages = new ArrayList<>();
    for (ObjectName name : QuireMBeans.storages(master)) {
      // one may go between the query and the read: its bundle is being updated
      Optional<List<Field>> fields = MBeanStatus.read(master, name, STATUS);
      if (fields.isPresent()) {
        List<Field> storage = new ArrayList<>();
        storage.add(new Field("Storage", "name", QuireMBeans.storageName(name)));
        storage.addAll(fields.get());
        storages.add(storage);
      }
    }
    if (storages.isEmpty()) {
      throw CommandFailure.failed("this master has no JournalStorage MBean (" + QuireMBeans.JOURNAL_STORAGE_ANY + ")");
    }
    return Output.blocks(storages);
  }
}
