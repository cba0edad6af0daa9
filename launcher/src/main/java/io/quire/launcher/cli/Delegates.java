package io.quire.launcher.cli;

import io.quire.storage.local.LocalJournalStorage;
import picocli.CommandLine;

/**
 * The commands other modules own, added by class: {@code fs} (quire-client), {@code fsadmin}
 * (quire-jmx-console) and {@code journal} (the journal's offline tool). Each is a picocli command
 * with a public no-argument constructor, except the journal tool, which is given the local
 * backend and the master's entry and checkpoint image renderers (public on this class path,
 * private in the framework).
 */
final class Delegates {

  private Delegates() {}

  static void addTo(CommandLine commandLine) {
    commandLine.addSubcommand("fs", new io.quire.client.cli.FsCommand());
    commandLine.addSubcommand("fsadmin", new io.quire.console.FsAdmin());
    commandLine.addSubcommand("journal", new io.quire.journal.tool.JournalTool(
        io.quire.master.internal.EntryText::describe,
        io.quire.master.internal.ImageText::describe, LocalJournalStorage::new));
  }
}
