package io.quire.console;

import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "report",
    description = {"Prints journal and master status.",
        "Role, folder, storage, last sequence, entries since checkpoint, log files and bytes, last checkpoint,"
            + " last and next backup; n/a where the master has no such MBean or attribute."},
    footer = "Exit codes: 0 ok, 1 master unreachable, 2 usage error.")
final class ReportCommand extends AdminCommand {
  @Override
  List<Field> run(MasterConnection master) throws CommandFailure {
    return StatusReport.read(master);
  }
}
