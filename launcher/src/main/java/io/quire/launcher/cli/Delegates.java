package io.quire.launcher.cli;

import io.quire.journal.storage.JournalStorage;
import io.quire.launcher.CliStorage;
import io.quire.launcher.LibDir;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The commands other modules own, added by class: {@code fs} (quire-client), {@code fsadmin}
 * (quire-jmx-console) and {@code journal} (the journal's offline tool). Each is a picocli command
 * with a public no-argument constructor, except the journal tool, which is given the storage
 * backends ({@link CliStorage}) and the master's entry and checkpoint image renderers (public on this class path,
 * private in the framework).
 */
final class Delegates {

  private Delegates() {}

  /**
   * A journal folder for {@code journal verify|dump}: a local path, or an {@code hdfs://} URI
   * read with Hadoop's default client settings (reading needs no others). The HDFS client
   * stays open until the command exits.
   */
  private static JournalStorage openFolder(String folder) throws IOException {
    return new CliStorage(LibDir.locate().resolve("bundles"), Optional.empty()).open(folder);
  }

  static void addTo(CommandLine commandLine) {
    commandLine.addSubcommand("fs", new io.quire.client.cli.FsCommand());
    commandLine.addSubcommand("fsadmin", new io.quire.console.FsAdmin());
    commandLine.addSubcommand("journal", new io.quire.journal.tool.JournalTool(
        io.quire.master.internal.EntryText::describe,
        io.quire.master.internal.ImageText::describe, Delegates::openFolder));
  }
}
