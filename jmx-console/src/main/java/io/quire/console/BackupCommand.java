package io.quire.console;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.management.openmbean.CompositeData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup",
    description = {"Asks the primary to write a backup and prints its URI and entry count.",
        "Invokes quire:type=Backup backup(String); with --local the directory is sent as a file: URI.",
        "A backup that takes longer than a second prints its progress on stderr every second."},
    footer = "Exit codes: 0 ok, 1 master unreachable, without a Backup MBean or the backup failed,"
        + AdminCommand.EXIT_USAGE_REFUSED)
final class BackupCommand extends AdminCommand {
  private static final String URI = "LastBackupUri";
  private static final String ENTRIES = "LastBackupEntryCount";
  private static final String IN_PROGRESS = "InProgress";
  private static final String PROGRESS_BYTES = "ProgressBytes";

  @Parameters(arity = "0..1", paramLabel = "TARGET_DIR_URI",
      description = "directory for the backup (default: alluxio.master.backup.directory)")
  String directory;

  @Option(names = "--local", description = "write to the primary's local file system instead of the root under-storage")
  boolean local;

  @Option(names = "--progress-every", hidden = true, description = "milliseconds between progress lines")
  long progressMillis = 1000;

  private String targetDirUri;

  @Override
  void validate(FsAdmin context) throws CommandFailure {
    targetDirUri = BackupTarget.resolve(directory, local, () -> connection.siteConfig(context));
  }

  @Override
  Output run(MasterConnection master) throws CommandFailure {
    master.require(QuireMBeans.BACKUP, "Backup");
    Object result;
    try (ProgressTicker ticker = ProgressTicker.start(Duration.ofMillis(progressMillis),
        () -> progress(master), spec.commandLine().getErr())) {
      result = master.invoke(QuireMBeans.BACKUP, "backup", targetDirUri);
    }
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
    return Output.fields(List.of(new Field("Backup URI", "backupUri", uri),
        new Field("Entry count", "entryCount", entries)));
  }

  /** "backup: 12.5 MB of state written so far" while the master says a backup is in progress. */
  private static Optional<String> progress(MasterConnection master) throws CommandFailure {
    Map<String, Object> now = master.attributes(QuireMBeans.BACKUP, IN_PROGRESS, PROGRESS_BYTES).orElse(Map.of());
    if (!Boolean.TRUE.equals(now.get(IN_PROGRESS)) || !(now.get(PROGRESS_BYTES) instanceof Long bytes)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "backup: %.1f MB of state written so far", bytes / 1e6));
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
