package io.quire.console;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "move-journal",
    description = {"Moves the primary's running journal to another folder.",
        "The folder is an empty or freshly formatted one, on any backend: /path, hdfs://host:port/dir,"
            + " nfs://host/export/dir.",
        "Writes are held, not failed, during the switch. The old folder stays a valid journal up to the"
            + " switch, and no master starts on it again. Set alluxio.master.journal.folder to the new folder"
            + " before the next start. Invokes quire:type=Journal moveTo(String)."},
    footer = "Exit codes: 0 moved, 1 master unreachable or the move failed (the journal stays where it was),"
        + AdminCommand.EXIT_USAGE_REFUSED)
final class MoveJournalCommand extends AdminCommand {
  @Parameters(paramLabel = "FOLDER", description = "where the journal goes on")
  String folder;

  @Override
  void validate(FsAdmin context) throws CommandFailure {
    if (folder.isBlank()) {
      throw CommandFailure.usage("give the folder to move the journal to");
    }
  }

  @Override
  Output run(MasterConnection master) throws CommandFailure {
    master.require(QuireMBeans.JOURNAL, "Journal");
    Object outcome = master.invoke(QuireMBeans.JOURNAL, "moveTo", folder);
    Object now = master.attributes(QuireMBeans.JOURNAL, "Folder")
        .map(values -> values.get("Folder")).orElse(null);
    return Output.fields(List.of(new Field("Journal folder", "folder", now),
        new Field("Outcome", "outcome", outcome)));
  }
}
