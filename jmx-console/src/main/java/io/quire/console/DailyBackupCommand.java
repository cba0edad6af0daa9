package io.quire.console;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code fsadmin daily-backup [status]} and {@code fsadmin daily-backup run-now}: the daily backup
 * schedule of {@code quire:type=DailyBackup}, and a run outside it.
 */
@Command(name = "daily-backup",
    description = {"Prints the daily backup schedule and its last run, or runs one now.",
        "Without a subcommand: the same as 'daily-backup status'.",
        "Reads quire:type=DailyBackup: Enabled, Time (HH:mm, UTC), FilesRetained, NextRunTime, LastResult,"
            + " LastRunFailed and whatever else the master's MBean has."},
    subcommands = {DailyBackupCommand.Status.class, DailyBackupCommand.RunNow.class},
    footer = "Exit codes: 0 ok, 1 master unreachable or without a DailyBackup MBean," + AdminCommand.EXIT_USAGE_REFUSED)
final class DailyBackupCommand extends AdminCommand {
  private static final String WHAT = "DailyBackup";

  private static final List<AttributeItem> STATUS = List.of(
      new AttributeItem("Enabled", "Enabled", "enabled"),
      new AttributeItem("Time", "Time (UTC)", "time"),
      new AttributeItem("FilesRetained", "Files retained", "filesRetained"),
      new AttributeItem("NextRunTime", "Next run", "nextRunTime"),
      new AttributeItem("LastResult", "Last result", "lastResult"),
      new AttributeItem("LastRunFailed", "Last run failed", "lastRunFailed"));

  @Override
  Output run(MasterConnection master) throws CommandFailure {
    return status(master);
  }

  static Output status(MasterConnection master) throws CommandFailure {
    return Output.fields(MBeanStatus.require(master, QuireMBeans.DAILY_BACKUP, WHAT, STATUS));
  }

  @Command(name = "status",
      description = {"Prints the daily backup schedule and its last run.",
          "Reads quire:type=DailyBackup: Enabled, Time (HH:mm, UTC), FilesRetained, NextRunTime, LastResult,"
              + " LastRunFailed and whatever else the master's MBean has."},
      footer = "Exit codes: 0 ok, 1 master unreachable or without a DailyBackup MBean,"
          + AdminCommand.EXIT_USAGE_REFUSED)
  static final class Status extends AdminCommand {
    @Override
    Output run(MasterConnection master) throws CommandFailure {
      return status(master);
    }
  }

  @Command(name = "run-now",
      description = {"Runs a daily backup now and prints its result.",
          "A backup into alluxio.master.backup.directory, then retention of"
              + " alluxio.master.daily.backup.files.retained files, whether or not the schedule is on; the"
              + " schedule stays as it is. Invokes quire:type=DailyBackup runNow()."},
      footer = "Exit codes: 0 the backup was written, 1 master unreachable, without a DailyBackup MBean or the run"
          + " failed (one line with the master's reason)," + AdminCommand.EXIT_USAGE_REFUSED)
  static final class RunNow extends AdminCommand {
    @Override
    Output run(MasterConnection master) throws CommandFailure {
      master.require(QuireMBeans.DAILY_BACKUP, WHAT);
      Object result = master.invoke(QuireMBeans.DAILY_BACKUP, "runNow");
      // runNow() reports a failed run in its own result line ("<when> FAILED: <why>"), not as an
      // exception; read from that line, not from LastRunFailed, which a scheduled run could change
      // between the two calls
      if (String.valueOf(result).contains(" FAILED: ")) {
        throw CommandFailure.failed("the daily backup run failed: " + result);
      }
      Map<String, Object> after = master.attributes(QuireMBeans.DAILY_BACKUP, "NextRunTime").orElse(Map.of());
      return Output.fields(List.of(new Field("Result", "result", result),
          new Field("Next run", "nextRunTime", after.get("NextRunTime"))));
    }
  }
}
