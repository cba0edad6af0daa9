package io.quire.journal.tool;

import io.quire.journal.CorruptJournalException;
import io.quire.journal.FormatMarker;
import io.quire.journal.JournalFolder;
import io.quire.journal.CheckpointInfo;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.internal.CheckpointStore;
import io.quire.journal.internal.Recovery;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bin/quire journal verify|dump DIR}: checks or prints a journal folder offline. Changes
 * nothing: a torn tail is reported, not cut (the master cuts it on its next start).
 *
 * <p>Exit codes: 0 valid (a torn tail is reported but still valid), 1 corrupt, 2 usage or I/O.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
    description = "Verify or print a journal folder without a running master.",
    subcommands = {JournalTool.Verify.class, JournalTool.Dump.class})
public class JournalTool implements Callable<Integer> {

  @Spec
  CommandLine.Model.CommandSpec spec;

  private final EntryRenderer renderer;
  private final Function<Path, JournalStorage> storageFactory;

  /**
   * @param renderer how {@code dump} prints an entry (the master's decoder, where present)
   * @param storageFactory opens the folder to read (the CLI passes the local backend)
   */
  public JournalTool(EntryRenderer renderer, Function<Path, JournalStorage> storageFactory) {
    this.renderer = renderer;
    this.storageFactory = storageFactory;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** Runs verification and prints the summary; shared by both subcommands. */
  int scan(Path folder, PrintWriter out, PrintWriter err, io.quire.journal.EntryConsumer each,
      boolean summary) {
    if (!Files.isDirectory(folder)) {
      err.println("journal: " + folder + " is not a folder");
      return 2;
    }
    JournalStorage storage = storageFactory.apply(folder);
    try {
      FormatMarker marker = JournalFolder.readMarker(storage);
      UUID cluster = UUID.fromString(marker.clusterId());
      CheckpointStore checkpoints = new CheckpointStore(storage, cluster, Clock.systemUTC());
      long[] range = {0, 0};
      Recovery.Result result = new Recovery(storage, cluster, checkpoints)
          .run(new RecoveryTarget() {
            @Override
            public long loadCheckpoint(String source, StateFileHeader header, InputStream body) {
              return -1; // the journal checks every chunk and the end; the records are opaque
            }

            @Override
            public void reset() {}

            @Override
            public void accept(long seq, ByteBuffer entry) throws IOException {
              if (range[0] == 0) {
                range[0] = seq;
              }
              range[1] = seq;
              each.accept(seq, entry);
            }
          }, false);
      if (summary) {
        out.printf("journal %s: valid, cluster %s, format version %d%n", folder,
            marker.clusterId(), marker.formatVersion());
        for (String name : CheckpointStore.newestFirst(storage.list())) {
          try {
            CheckpointInfo c = checkpoints.check(name);
            out.printf("checkpoint %s: valid, sequence %d, %d records, %d bytes%n", name,
                c.sequence(), c.entries(), c.bytes());
          } catch (CorruptStateFileException e) {
            out.printf("warning: checkpoint %s is unusable: %s%n", name, e.getMessage());
          }
        }
        CheckpointInfo base = result.checkpoint();
        out.printf("entries%s: %d (sequence %d to %d) in %d segment(s)%n",
            base == null ? "" : " after checkpoint " + base.name(), result.entries(),
            range[0], range[1], result.segments().size());
        result.repairs().forEach(line -> out.println("warning: " + line));
      }
      return 0;
    } catch (CorruptJournalException e) {
      err.println("journal: CORRUPT: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("journal: " + e.getMessage());
      return 2;
    }
  }

  /** Whether {@code text} names {@code path} itself or a path below it, not a longer sibling. */
  static boolean mentions(String text, String path) {
    for (int at = text.indexOf(path); at >= 0; at = text.indexOf(path, at + 1)) {
      int end = at + path.length();
      if (end == text.length() || "/,] \t".indexOf(text.charAt(end)) >= 0 || path.endsWith("/")) {
        return true;
      }
    }
    return false;
  }

  /** What both subcommands take: the folder, and the tool that reads it. */
  abstract static class FolderCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "the journal folder")
    Path folder;

    @CommandLine.ParentCommand
    JournalTool parent;

    @Spec
    CommandLine.Model.CommandSpec spec;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check format marker, segment headers, every record's CRC32C and sequence "
          + "continuity. Exit 0 valid, 1 corrupt, 2 not readable.")
  static class Verify extends FolderCommand {
    @Override
    public Integer call() {
      CommandLine cl = spec.commandLine();
      return parent.scan(folder, cl.getOut(), cl.getErr(), (seq, entry) -> { }, true);
    }
  }

  @Command(name = "dump", mixinStandardHelpOptions = true,
      description = "Print entries, one per line: sequence, size, content.")
  static class Dump extends FolderCommand {
    @Option(names = "--from", description = "first sequence number to print")
    long from = 1;

    @Option(names = "--to", description = "last sequence number to print")
    long to = Long.MAX_VALUE;

    @Option(names = "--path", description = "print only entries that mention this path or a path "
        + "below it")
    String path;

    @Override
    public Integer call() {
      CommandLine cl = spec.commandLine();
      PrintWriter out = cl.getOut();
      return parent.scan(folder, out, cl.getErr(), (seq, entry) -> {
        if (seq < from || seq > to) {
          return;
        }
        int size = entry.remaining();
        String text = parent.renderer.render(entry);
        if (path == null || mentions(text, path)) {
          out.printf("%d\t%d\t%s%n", seq, size, text);
        }
      }, false);
    }
  }
}
