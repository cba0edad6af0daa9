package io.quire.journal.tool;

import io.quire.journal.CorruptJournalException;
import io.quire.journal.JournalFolder;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bin/quire journal verify|dump DIR_OR_BACKUP}: checks or prints a journal folder, or a
 * backup file, offline. Changes nothing: a torn tail is reported, not cut (the master cuts it on
 * its next start).
 *
 * <p>Exit codes: 0 valid (a torn tail is reported but still valid), 1 corrupt, 2 usage or I/O.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
    description = "Verify or print a journal folder or a backup file without a running master.",
    subcommands = {JournalTool.Verify.class, JournalTool.Dump.class})
public class JournalTool implements Callable<Integer> {

  @Spec
  CommandLine.Model.CommandSpec spec;

  private final EntryRenderer renderer;
  private final CheckpointRenderer checkpointRenderer;
  private final FolderOpener storageFactory;

  /** Opens a journal folder by its name on the command line: a path or a URI. */
  @FunctionalInterface
  public interface FolderOpener {
    JournalStorage open(String folder) throws IOException;
  }

  /**
   * A tool that cannot decode checkpoint records: {@code dump --checkpoint} prints the header
   * and says so, {@code verify} checks the checkpoint's container only.
   *
   * @param renderer how {@code dump} prints an entry (the master's decoder, where present)
   * @param storageFactory opens the folder to read (the CLI passes the local backend)
   */
  public JournalTool(EntryRenderer renderer, FolderOpener storageFactory) {
    this(renderer, null, storageFactory);
  }

  /**
   * @param renderer how {@code dump} prints an entry (the master's decoder, where present)
   * @param checkpointRenderer how checkpoint records are decoded and printed (the master's image
   *     decoder); null when there is none
   * @param storageFactory opens the folder to read (the CLI passes the local backend)
   */
  public JournalTool(EntryRenderer renderer, CheckpointRenderer checkpointRenderer,
      FolderOpener storageFactory) {
    this.renderer = renderer;
    this.checkpointRenderer = checkpointRenderer;
    this.storageFactory = storageFactory;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** Opens the folder and runs {@code action}, turning failures into exit codes and lines. */
  int run(String folder, PrintWriter err, FolderAction action) {
    if (!isUri(folder) && !Files.isDirectory(Path.of(folder))) {
      err.println("journal: " + folder + " is neither a journal folder nor a backup file");
      return 2;
    }
    try {
      return action.run(OfflineJournal.open(storageFactory.open(folder), checkpointRenderer));
    } catch (CorruptJournalException e) {
      err.println("journal: CORRUPT: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("journal: " + e.getMessage());
      return 2;
    }
  }

  /** What a subcommand does with an opened folder; returns the exit code. */
  @FunctionalInterface
  interface FolderAction {
    int run(OfflineJournal journal) throws IOException;
  }

  /**
   * Reads the backup {@code file} and runs {@code action} on what was found; a failed check is
   * exit 1 with the problem, an unreadable file exit 2.
   */
  int runBackup(Path file, PrintWriter err, BackupAction action) {
    try {
      return action.run(new OfflineBackup(file, checkpointRenderer));
    } catch (CorruptStateFileException e) {
      err.println("journal: CORRUPT: backup " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("journal: cannot read backup " + file + ": " + e.getMessage());
      return 2;
    }
  }

  /** What a subcommand does with a backup file; returns the exit code. */
  @FunctionalInterface
  interface BackupAction {
    int run(OfflineBackup backup) throws IOException;
  }

  /** Whether {@code folder} is a URI with a scheme ({@code hdfs://...}) rather than a local path. */
  static boolean isUri(String folder) {
    return folder.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*");
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

  /** What both subcommands take: the folder or backup, and the tool that reads it. */
  abstract static class FolderCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR_OR_BACKUP", description = "a journal folder (a local path "
        + "or hdfs://host:port/dir), or a local backup file (alluxio-journal-*.gz, as a path or "
        + "the file: URI that fsadmin backup prints)")
    String folder;

    /**
     * The backup file named, if the argument is a local regular file: a path, or a {@code file:}
     * URI as {@code fsadmin backup} prints it.
     */
    Path backupFile() {
      Path file;
      if (!isUri(folder)) {
        file = Path.of(folder);
      } else if (folder.regionMatches(true, 0, "file:", 0, 5)) {
        try {
          file = Path.of(java.net.URI.create(folder));
        } catch (IllegalArgumentException e) {
          return null; // not a file URI Java can map; read as a folder, which names the problem
        }
      } else {
        return null;
      }
      return Files.isRegularFile(file) ? file : null;
    }

    @CommandLine.ParentCommand
    JournalTool parent;

    @Spec
    CommandLine.Model.CommandSpec spec;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check format marker, every checkpoint (header, chunk and body CRC32C, end "
          + "record, cluster id), segment headers, every record's CRC32C and sequence "
          + "continuity; say which checkpoint a master would load and which logs it would "
          + "replay. Given a backup file: check it as a restore would (gzip, header, every "
          + "chunk, every record, the count and checksum at its end). Exit 0 valid, 1 corrupt, "
          + "2 not readable.")
  static class Verify extends FolderCommand {
    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path file = backupFile();
      if (file != null) {
        return parent.runBackup(file, err, backup -> {
          OfflineBackup.Summary found = backup.read(null);
          out.println(found.headerLine(file));
          out.printf("backup %s: valid, %d records, %d bytes of state%s%n", folder,
              found.records(), found.stateBytes(), found.decoded() ? ""
                  : " (records not decoded: this tool runs without the master's decoder)");
          return 0;
        });
      }
      return parent.run(folder, err, journal -> {
        out.printf("journal %s: cluster %s, format version %d%n", folder,
            journal.marker().clusterId(), journal.marker().formatVersion());
        JournalFolder.readMoved(journal.storage()).ifPresent(moved -> out.printf(
            "journal %s: moved to %s at %s%s; it holds the journal up to then%n",
            folder, moved.to(), moved.at(), moved.afterSequence()));
        List<String> problems = new FolderVerifier(journal, out).verify();
        if (problems.isEmpty()) {
          out.printf("journal %s: valid%n", folder);
          return 0;
        }
        problems.forEach(problem -> err.println("journal: CORRUPT: " + problem));
        return 1;
      });
    }
  }

  @Command(name = "dump", mixinStandardHelpOptions = true,
      description = "Print each checkpoint's header, then the entries a master would replay, "
          + "one per line: sequence, size, content. With --checkpoint, print that checkpoint's "
          + "records instead of the entries. Given a backup file: print its header and records.")
  static class Dump extends FolderCommand {
    @Option(names = "--from", description = "first sequence number to print")
    long from = 1;

    @Option(names = "--to", description = "last sequence number to print")
    long to = Long.MAX_VALUE;

    @Option(names = "--path", description = "print only entries (or checkpoint records) that "
        + "mention this path or a path below it")
    String path;

    @Option(names = "--checkpoint", paramLabel = "NAME", description = "print this "
        + "checkpoint's header and records, one per line, instead of the entries: its file "
        + "name, its sequence number, or 'newest'")
    String checkpoint;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path file = backupFile();
      if (file != null) {
        return dumpBackup(file, out, err);
      }
      return parent.run(folder, err, journal -> checkpoint == null ? dumpEntries(journal, out)
          : dumpCheckpoint(journal, out, err));
    }

    private int dumpBackup(Path file, PrintWriter out, PrintWriter err) {
      if (checkpoint != null || from != 1 || to != Long.MAX_VALUE) {
        err.println("journal: " + folder + " is a backup file: it holds one state, not "
            + "entries or checkpoints, so --checkpoint, --from and --to do not apply");
        return 2;
      }
      return parent.runBackup(file, err, backup -> {
        // The whole file first, so that no record of a damaged backup is printed.
        OfflineBackup.Summary found = backup.read(null);
        out.println(found.headerLine(file) + ", " + found.records() + " records");
        if (!found.decoded()) {
          out.println("note: the records of " + folder + " cannot be shown: this tool runs "
              + "without the master's image decoder");
          return 0;
        }
        backup.read(line -> {
          if (path == null || mentions(line, path)) {
            out.println(line);
          }
        });
        return 0;
      });
    }

    private int dumpEntries(OfflineJournal journal, PrintWriter out) throws IOException {
      List<CheckpointFinding> findings = new ArrayList<>();
      for (String name : journal.checkpointNames()) {
        CheckpointFinding finding = journal.inspect(name, null);
        out.println(finding.headerLine());
        findings.add(finding);
      }
      journal.replay(findings, (seq, entry) -> {
        if (seq < from || seq > to) {
          return;
        }
        int size = entry.remaining();
        String text = parent.renderer.render(entry);
        if (path == null || mentions(text, path)) {
          out.printf("%d\t%d\t%s%n", seq, size, text);
        }
      });
      return 0;
    }

    private int dumpCheckpoint(OfflineJournal journal, PrintWriter out, PrintWriter err)
        throws IOException {
      String name = journal.resolveCheckpoint(checkpoint);
      if (name == null) {
        List<String> present = journal.checkpointNames();
        err.println("journal: no checkpoint '" + checkpoint + "' in " + folder + " ("
            + (present.isEmpty() ? "it holds none" : "it holds " + String.join(", ", present))
            + ")");
        return 2;
      }
      // The container first, whole, so that no record of a damaged file is printed.
      CheckpointFinding finding = journal.inspect(name, null);
      out.println(finding.headerLine());
      if (finding.usable() && !journal.decodesRecords()) {
        out.println("note: the records of " + name + " cannot be shown: this tool runs without "
            + "the master's image decoder");
        return 0;
      }
      if (finding.usable()) {
        finding = journal.inspect(name, line -> {
          if (path == null || mentions(line, path)) {
            out.println(line);
          }
        });
      }
      if (!finding.usable()) {
        err.println("journal: CORRUPT: checkpoint " + name + " " + finding.place() + ": "
            + finding.problemText());
        return 1;
      }
      return 0;
    }
  }
}
