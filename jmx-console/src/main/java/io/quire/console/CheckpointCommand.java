package io.quire.console;

import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "checkpoint",
    description = {"Asks the primary to write a checkpoint now and prints its sequence number.",
        "Invokes quire:type=Checkpointer checkpoint()."},
    footer = "Exit codes: 0 ok, 1 master unreachable, without a Checkpointer MBean or the checkpoint failed,"
        + AdminCommand.EXIT_USAGE_REFUSED)
final class CheckpointCommand extends AdminCommand {
  @Override
  Output run(MasterConnection master) throws CommandFailure {
    master.require(QuireMBeans.CHECKPOINTER, "Checkpointer");
    Object sequence = master.invoke(QuireMBeans.CHECKPOINTER, "checkpoint");
    if (!(sequence instanceof Number)) {
      // a server whose checkpoint() returns nothing still records what it wrote
      sequence = master.attributes(QuireMBeans.CHECKPOINTER, "LastCheckpointSequenceNumber")
          .map(values -> values.get("LastCheckpointSequenceNumber"))
          .orElse(null);
    }
    return Output.fields(List.of(new Field("Checkpoint sequence", "sequenceNumber", sequence)));
  }
}
