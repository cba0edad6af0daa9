package io.quire.console;

import picocli.CommandLine.Command;

@Command(name = "report",
    description = {"Prints journal and master status.",
        "Role, folder, storage, last sequence, entries since checkpoint, log files and bytes, last checkpoint,"
            + " last and next backup; n/a where the master has no such MBean or attribute."},
    footer = "Exit codes: 0 ok, 1 master unreachable or not a Quire master," + AdminCommand.EXIT_USAGE_REFUSED)
final class ReportCommand extends AdminCommand {
  @Override
  Output run(MasterConnection master) throws CommandFailure {
    return Output.fields(StatusReport.read(master));
  }
}
