package io.quire.journal.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalFolder;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.storage.local.LocalJournalStorage;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JournalToolTest {

  @TempDir
  Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeJournal() throws Exception {
    LocalJournalStorage storage = new LocalJournalStorage(folder);
    JournalFolder.format(storage, Clock.systemUTC());
    try (SegmentedJournal journal = new SegmentedJournal(storage,
        new SegmentedJournal.Options(256, 10_000, 1 << 20), Clock.systemUTC())) {
      journal.recover((seq, entry) -> { });
      for (int i = 1; i <= 30; i++) {
        journal.awaitDurable(journal.append(("/dir" + i).getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new JournalTool(EntryRenderer.raw(),
        LocalJournalStorage::new));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void verifyAcceptsAValidJournalAndCountsItsEntries() {
    assertEquals(0, run("verify", folder.toString()), err::toString);
    assertTrue(out.toString().contains("entries: 30 (sequence 1 to 30)"), out::toString);
  }

  @Test
  void verifyExitsOneAndNamesFileAndOffsetOnCorruption() throws Exception {
    Path first;
    try (Stream<Path> files = Files.list(folder)) {
      first = files.filter(p -> p.toString().endsWith(".qlog")).sorted().findFirst().orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(first.toFile(), "rw")) {
      file.seek(40);
      file.write(0xFF);
    }
    assertEquals(1, run("verify", folder.toString()));
    assertTrue(err.toString().contains(first.getFileName().toString()), err::toString);
    assertTrue(err.toString().contains("offset 36"), err::toString);
  }

  @Test
  void verifyReportsATornTailWithoutCuttingIt() throws Exception {
    Path open;
    try (Stream<Path> files = Files.list(folder)) {
      open = files.filter(p -> p.toString().endsWith(".open")).findFirst().orElseThrow();
    }
    long size;
    try (RandomAccessFile file = new RandomAccessFile(open.toFile(), "rw")) {
      file.setLength(file.length() - 2);
      size = file.length();
    }
    assertEquals(0, run("verify", folder.toString()), err::toString);
    assertTrue(out.toString().contains("warning: torn tail"), out::toString);
    assertEquals(size, Files.size(open), "verify changes nothing");
  }

  @Test
  void dumpPrintsTheRequestedRangeAndFiltersByPath() {
    assertEquals(0, run("dump", "--from", "5", "--to", "7", folder.toString()), err::toString);
    assertEquals("5\t5\t/dir5\n6\t5\t/dir6\n7\t5\t/dir7\n", out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("dump", "--path", "/dir12", folder.toString()));
    assertEquals("12\t6\t/dir12\n", out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("dump", "--path", "/dir3", folder.toString()));
    assertEquals("3\t5\t/dir3\n", out.toString(), "/dir30 is not below /dir3");
  }

  @Test
  void aFolderThatIsNotAJournalIsAnErrorNotACorruption() {
    assertEquals(2, run("verify", folder.resolve("missing").toString()));
    assertTrue(err.toString().contains("is not a folder"), err::toString);
  }
}
