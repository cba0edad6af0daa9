package io.quire.launcher.cli;

import io.quire.journal.FormatMarker;
import io.quire.journal.JournalFolder;
import io.quire.journal.storage.JournalStorage;
import io.quire.launcher.config.SiteConfig;
import io.quire.launcher.CliStorage;
import io.quire.launcher.LibDir;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bin/quire format}: deletes the journal files Quire owns in the configured folder and
 * writes a fresh format marker. The journal refuses while a live master holds the folder and
 * refuses a folder that does not look like a Quire journal; nothing is deleted then.
 */
@Command(name = "format", aliases = "formatMaster", mixinStandardHelpOptions = true,
    description = "Formats the journal folder of this configuration (refuses while a master holds it).")
final class FormatCommand implements Callable<Integer> {

  @ParentCommand
  QuireCli cli;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    SiteConfig config = cli.loadRunnableConfig(false);
    try (CliStorage storages = new CliStorage(LibDir.locate().resolve("bundles"), config.hadoopConfDir())) {
      JournalStorage storage = storages.open(config.journalFolder());
      FormatMarker marker = JournalFolder.format(storage, Clock.systemUTC());
      spec.commandLine().getOut().println("Formatted journal " + config.journalFolder() + " ("
          + config.storageType() + ", cluster id " + marker.clusterId() + ")");
    }
    return 0;
  }
}
