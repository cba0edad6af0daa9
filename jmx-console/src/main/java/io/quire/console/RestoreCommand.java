package io.quire.console;

import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fsadmin restore [status]} and {@code fsadmin restore validate BACKUP_URI}: what
 * {@code bin/quire start -i} imported, and a check of any backup without importing it
 * ({@code quire:type=Restore}).
 */
@Command(name = "restore",
    description = {"Prints what 'bin/quire start -i' imported, or validates a backup.",
        "Without a subcommand: the same as 'restore status'.",
        "Reads quire:type=Restore: ImportedFrom, EntriesRestored, RestoredSequenceNumber, RestoreTime,"
            + " LastOutcome and whatever else the master's MBean has; empty when nothing was imported."},
    subcommands = {RestoreCommand.Status.class, RestoreCommand.Validate.class},
    footer = "Exit codes: 0 ok, 1 master unreachable or without a Restore MBean," + AdminCommand.EXIT_USAGE_REFUSED)
final class RestoreCommand extends AdminCommand {
  private static final String WHAT = "Restore";

  private static final List<AttributeItem> STATUS = List.of(
      new AttributeItem("ImportedFrom", "Imported from", "importedFrom"),
      new AttributeItem("EntriesRestored", "Entries restored", "entriesRestored"),
      new AttributeItem("RestoredSequenceNumber", "Restored sequence", "restoredSequenceNumber"),
      new AttributeItem("RestoreTime", "Restore time", "restoreTime"),
      new AttributeItem("LastOutcome", "Outcome", "lastOutcome"));

  @Override
  Output run(MasterConnection master) throws CommandFailure {
    return status(master);
  }

  static Output status(MasterConnection master) throws CommandFailure {
    return Output.fields(MBeanStatus.require(master, QuireMBeans.RESTORE, WHAT, STATUS));
  }

  @Command(name = "status",
      description = {"Prints what 'bin/quire start -i' imported at this master's start.",
          "Reads quire:type=Restore: ImportedFrom, EntriesRestored, RestoredSequenceNumber, RestoreTime,"
              + " LastOutcome and whatever else the master's MBean has; empty when nothing was imported."},
      footer = "Exit codes: 0 ok, 1 master unreachable or without a Restore MBean," + AdminCommand.EXIT_USAGE_REFUSED)
  static final class Status extends AdminCommand {
    @Override
    Output run(MasterConnection master) throws CommandFailure {
      return status(master);
    }
  }

  @Command(name = "validate",
      description = {"Checks a backup without importing it and prints its summary.",
          "The master reads the backup whole and checks its header, every checksum and the entry count, so"
              + " BACKUP_URI is a URI or an absolute path as the master sees it."
              + " Invokes quire:type=Restore validate(String)."},
      footer = "Exit codes: 0 a good backup, 1 master unreachable, without a Restore MBean, or the backup is missing,"
          + " truncated, corrupt or not a backup (one line naming it)," + AdminCommand.EXIT_USAGE_REFUSED)
  static final class Validate extends AdminCommand {
    /** A URI scheme (RFC 3986) at the start; a plain path has none. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    @Parameters(paramLabel = "BACKUP_URI",
        description = "the backup: file:///..., hdfs://host:port/..., or an absolute path on the master's machine")
    String backupUri;

    @Override
    void validate(FsAdmin context) throws CommandFailure {
      if (backupUri.isBlank()) {
        throw CommandFailure.usage("give the backup to validate");
      }
      if (!SCHEME.matcher(backupUri).find() && !backupUri.startsWith("/")) {
        throw CommandFailure.usage("give a URI or an absolute path on the master's machine, not '" + backupUri + "'");
      }
    }

    @Override
    Output run(MasterConnection master) throws CommandFailure {
      master.require(QuireMBeans.RESTORE, WHAT);
      Object summary = master.invoke(QuireMBeans.RESTORE, "validate",
          List.of(MasterConnection.Parameter.of(backupUri)),
          reason -> reason.contains(backupUri)
              ? "backup failed validation: " + reason
              : backupUri + " failed validation: " + reason);
      return Output.fields(List.of(new Field("Backup", "backupUri", backupUri),
          new Field("Valid", "valid", true),
          new Field("Summary", "summary", summary)));
    }
  }
}
