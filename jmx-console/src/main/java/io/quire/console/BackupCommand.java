package io.quire.console;

import java.util.List;
import java.util.Map;
import javax.management.openmbean.CompositeData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup",
    description = {"Asks the primary to write a backup and prints its URI and entry count.",
        "Invokes quire:type=Backup backup(String); with --local the directory is sent as a file: URI."},
    footer = "Exit codes: 0 ok, 1 master unreachable, without a Backup MBean or the backup failed, 2 usage error.")
final class BackupCommand extends AdminCommand {
  private static final String URI = "LastBackupUri";
  private static final String ENTRIES = "LastBackupEntryCount";

  @Parameters(arity = "0..1", paramLabel = "TARGET_DIR_URI",
      description = "directory for the backup (default: alluxio.master.backup.directory)")
  String directory;

  @Option(names = "--local", description = "write to the primary's local file system instead of the root under-storage")
  boolean local;

  private String targetDirUri;

  @Override
  void validate(FsAdmin context) throws CommandFailure {
    targetDirUri = BackupTarget.resolve(directory, local, () -> connection.siteConfig(context));
  }

  @Override
  List<Field> run(MasterConnection master) throws CommandFailure {
    master.require(QuireMBeans.BACKUP, "Backup");
    Object result = master.invoke(QuireMBeans.BACKUP, "backup", targetDirUri);
    Map<String, Object> last = master.attributes(QuireMBeans.BACKUP, URI, ENTRIES).orElse(Map.of());
    Object uri;
    Object entries;
    if (result instanceof CompositeData composite) {
      uri = item(composite, "uri", "backupUri");
      entries = item(composite, "entryCount", "entries");
    } else if (result instanceof String resultUri) {
      uri = resultUri;
      entries = resultUri.equals(last.get(URI)) ? last.get(ENTRIES) : null;
    } else {
      // backup() returned nothing: the Backup MBean records what it just wrote
      uri = last.get(URI);
      entries = last.get(ENTRIES);
    }
    return List.of(new Field("Backup URI", "backupUri", uri), new Field("Entry count", "entryCount", entries));
  }

  private static Object item(CompositeData composite, String... keys) {
    for (String key : keys) {
      if (composite.containsKey(key)) {
        return composite.get(key);
      }
    }
    return null;
  }
}
