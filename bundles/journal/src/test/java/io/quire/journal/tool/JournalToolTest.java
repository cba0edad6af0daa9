package io.quire.journal.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalFolder;
import io.quire.journal.JournalFormat;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.StateSnapshot;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileWriter;
import io.quire.storage.local.LocalJournalStorage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

  private static final CheckpointRenderer TEXTS = TextRecords.RENDERER;

  private static final String OLDER = JournalFormat.checkpointName(30);
  private static final String NEWER = JournalFormat.checkpointName(45);

  private LocalJournalStorage storage;

  @BeforeEach
  void writeJournal() throws Exception {
    storage = new LocalJournalStorage(folder);
    JournalFolder.format(storage, Clock.systemUTC());
    try (SegmentedJournal journal = open()) {
      journal.recover((seq, entry) -> { });
      append(journal, 1, 30);
    }
  }

  private SegmentedJournal open() {
    return new SegmentedJournal(storage, new SegmentedJournal.Options(256, 10_000, 1 << 20),
        Clock.systemUTC());
  }

  private static void append(SegmentedJournal journal, int first, int last) throws Exception {
    for (int i = first; i <= last; i++) {
      journal.awaitDurable(journal.append(("/dir" + i).getBytes(StandardCharsets.UTF_8)));
    }
  }

  /**
   * Checkpoints at 30 and 45 and entries up to 50, as a master leaves them: the second
   * checkpoint's clean-up deletes the logs the first one covers.
   */
  private void writeCheckpoints() throws Exception {
    try (SegmentedJournal journal = open()) {
      journal.recover(RecoveryTarget.entriesOnly((seq, entry) -> { }));
      journal.checkpoint(texts(30));
      append(journal, 31, 45);
      journal.checkpoint(texts(45));
      append(journal, 46, 50);
    }
    assertTrue(segments().stream().noneMatch(n -> JournalFormat.parseSegmentName(n)[0] == 1),
        "the clean-up deleted the first log: " + segments());
  }

  /** The state after entry {@code sequence}: the texts of entries 1 to it. */
  private static StateSnapshot texts(int sequence) {
    return new StateSnapshot() {
      @Override
      public long sequence() {
        return sequence;
      }

      @Override
      public long writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        for (int i = 1; i <= sequence; i++) {
          data.writeUTF("/dir" + i);
        }
        data.flush();
        return sequence;
      }
    };
  }

  private List<String> segments() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> JournalFormat.parseSegmentName(n) != null).sorted().toList();
    }
  }

  private void flipByte(String name, long offset) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(folder.resolve(name).toFile(), "rw")) {
      file.seek(offset);
      int b = file.read();
      file.seek(offset);
      file.write(b ^ 0x40);
    }
  }

  private int run(String... args) {
    return run(null, args);
  }

  private int run(CheckpointRenderer checkpoints, String... args) {
    CommandLine commandLine = new CommandLine(new JournalTool(EntryRenderer.raw(), checkpoints,
        folder -> new LocalJournalStorage(Path.of(folder))));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private List<String> outLines() {
    return out.toString().lines().toList();
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
    assertTrue(err.toString().contains("neither a journal folder nor a backup file"), err::toString);
  }

  @Test
  void verifyLoadsTheNewestCheckpointWhenTheLogsBeforeItAreGone() throws Exception {
    writeCheckpoints();
    assertEquals(0, run(TEXTS, "verify", folder.toString()), err::toString);
    List<String> lines = outLines();
    assertTrue(lines.get(1).startsWith("checkpoint " + NEWER + ": sequence 45, 45 records, ")
        && lines.get(1).endsWith(" bytes, OK"), lines::toString);
    assertTrue(lines.get(2).startsWith("checkpoint " + OLDER + ": sequence 30, 30 records, ")
        && lines.get(2).endsWith(" bytes, OK"), lines::toString);
    assertTrue(lines.contains("load: checkpoint " + NEWER + " (sequence 45)"), lines::toString);
    assertTrue(out.toString().contains("entries after checkpoint " + NEWER
        + ": 5 (sequence 46 to 50)"), out::toString);
    assertTrue(lines.contains("fallback: if checkpoint " + NEWER + " became unusable, a master"
        + " would fall back to checkpoint " + OLDER + " and the logs from sequence 31"),
        lines::toString);
    assertTrue(lines.get(lines.size() - 1).endsWith(": valid"), lines::toString);
  }

  @Test
  void verifyAcceptsACheckpointWhoseEveryEarlierLogIsDeleted() throws Exception {
    writeCheckpoints();
    int deleted = 0;
    for (String name : segments()) {
      long[] range = JournalFormat.parseSegmentName(name);
      if (range[1] >= 0 && range[1] <= 45) {
        Files.delete(folder.resolve(name));
        deleted++;
      }
    }
    assertTrue(deleted > 0, "some logs were covered by the newer checkpoint");
    assertEquals(0, run("verify", folder.toString()), err::toString);
    assertTrue(out.toString().contains("entries after checkpoint " + NEWER
        + ": 5 (sequence 46 to 50)"), out::toString);
    assertTrue(out.toString().contains("warning: if checkpoint " + NEWER + " became unusable, a"
        + " master could not fall back to checkpoint " + OLDER), out::toString);
  }

  @Test
  void verifyExitsOneOnACorruptCheckpointAndSaysAMasterFallsBackToTheOlderOne()
      throws Exception {
    writeCheckpoints();
    flipByte(NEWER, 100); // inside the first chunk, which starts after the 44-byte header
    assertEquals(1, run("verify", folder.toString()));
    assertTrue(outLines().get(1).startsWith("checkpoint " + NEWER + ": sequence 45, ")
        && outLines().get(1).endsWith(" bytes, CORRUPT at offset 44: chunk checksum mismatch"),
        out::toString);
    assertTrue(out.toString().contains("load: checkpoint " + OLDER + " (sequence 30)"),
        out::toString);
    assertTrue(out.toString().contains("entries after checkpoint " + OLDER
        + ": 20 (sequence 31 to 50)"), out::toString);
    assertTrue(err.toString().contains("journal: CORRUPT: checkpoint " + NEWER
        + " at offset 44: chunk checksum mismatch; a master skips it and falls back to the"
        + " older checkpoint " + OLDER), err::toString);
    // what a master's clean-up does with it: set aside, no longer a problem
    Files.move(folder.resolve(NEWER), folder.resolve(NEWER + ".corrupt"));
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    assertEquals(0, run("verify", folder.toString()), err::toString);
    assertTrue(out.toString().contains("note: " + NEWER + ".corrupt was set aside"),
        out::toString);
  }

  @Test
  void verifyExitsOneOnAGapAfterTheCheckpointAMasterWouldLoad() throws Exception {
    writeCheckpoints();
    flipByte(NEWER, 100);
    String needed = segments().stream().filter(name -> {
      long[] range = JournalFormat.parseSegmentName(name);
      return range[1] >= 0 && range[0] > 31 && range[1] <= 45;
    }).findFirst().orElseThrow();
    Files.delete(folder.resolve(needed));
    assertEquals(1, run("verify", folder.toString()));
    assertTrue(err.toString().contains("gap in sequence numbers"), err::toString);
    assertTrue(err.toString().contains("after checkpoint " + OLDER), err::toString);
  }

  @Test
  void verifyNamesACheckpointOfAnotherCluster() throws Exception {
    String foreign = JournalFormat.checkpointName(20);
    try (OutputStream file = Files.newOutputStream(folder.resolve(foreign))) {
      StateFileWriter writer = new StateFileWriter(file, new StateFileHeader(
          StateFileHeader.Kind.CHECKPOINT, 1, 20, UUID.randomUUID(), 0));
      writer.finish(0);
    }
    assertEquals(1, run("verify", folder.toString()));
    assertTrue(out.toString().contains("checkpoint " + foreign + ": sequence 20, "),
        out::toString);
    assertTrue(err.toString().contains("checkpoint " + foreign + " at offset 0: written for "
        + "cluster "), err::toString);
    assertTrue(out.toString().contains("load: no usable checkpoint"), out::toString);
    assertTrue(out.toString().contains("entries: 30 (sequence 1 to 30)"), out::toString);
  }

  @Test
  void verifyWithTheMastersRendererRefusesACheckpointWhoseRecordsItRejects() throws Exception {
    writeCheckpoints();
    CheckpointRenderer rejectsNewer = (source, header, body, lines) -> {
      if (header.sequence() == 45) {
        throw new CorruptStateFileException(source, -1, "record 7 is malformed");
      }
      return TEXTS.render(source, header, body, lines);
    };
    assertEquals(1, run(rejectsNewer, "verify", folder.toString()));
    assertTrue(out.toString().contains("CORRUPT in its records: record 7 is malformed"),
        out::toString);
    assertTrue(out.toString().contains("load: checkpoint " + OLDER), out::toString);
  }

  @Test
  void verifyExitsOneOnADamagedLogTheLoadedCheckpointCovers() throws Exception {
    writeCheckpoints();
    String covered = segments().stream().filter(name -> {
      long[] range = JournalFormat.parseSegmentName(name);
      return range[1] >= 0 && range[1] <= 45;
    }).findFirst().orElseThrow();
    flipByte(covered, 40);
    assertEquals(1, run("verify", folder.toString()));
    assertTrue(err.toString().contains(covered + "' at offset 36"), err::toString);
    assertTrue(err.toString().contains("checkpoint " + NEWER + " covers this log"),
        err::toString);
  }

  @Test
  void dumpPrintsEachCheckpointHeaderBeforeTheEntries() throws Exception {
    writeCheckpoints();
    String cluster = JournalFolder.readMarker(storage).clusterId();
    assertEquals(0, run("dump", folder.toString()), err::toString);
    List<String> lines = outLines();
    String prefix = "checkpoint " + NEWER + ": sequence 45, cluster " + cluster + ", created ";
    assertTrue(lines.get(0).startsWith(prefix), lines::toString);
    String created = lines.get(0).substring(prefix.length(),
        lines.get(0).indexOf(',', prefix.length()));
    assertTrue(Instant.parse(created).isAfter(Instant.now().minusSeconds(600)), created);
    assertTrue(lines.get(0).endsWith(", 45 records, " + Files.size(folder.resolve(NEWER))
        + " bytes"), lines::toString);
    assertTrue(lines.get(1).startsWith("checkpoint " + OLDER + ": sequence 30, cluster "),
        lines::toString);
    assertEquals(List.of("46\t6\t/dir46", "47\t6\t/dir47", "48\t6\t/dir48",
        "49\t6\t/dir49", "50\t6\t/dir50"), lines.subList(2, lines.size()));
  }

  @Test
  void dumpOfACheckpointPrintsItsRecordsFilteredByPath() throws Exception {
    writeCheckpoints();
    assertEquals(0, run(TEXTS, "dump", "--checkpoint", "30", "--path", "/dir2",
        folder.toString()), err::toString);
    List<String> lines = outLines();
    assertTrue(lines.get(0).startsWith("checkpoint " + OLDER + ": sequence 30, cluster "),
        lines::toString);
    assertEquals(List.of("/dir2"), lines.subList(1, lines.size()), "/dir20 is not below /dir2");
    out.getBuffer().setLength(0);
    assertEquals(0, run(TEXTS, "dump", "--checkpoint", "newest", folder.toString()));
    assertTrue(outLines().get(0).startsWith("checkpoint " + NEWER + ": "), out::toString);
    assertEquals(46, outLines().size(), out::toString);
    assertEquals("/dir45", outLines().get(45));
  }

  @Test
  void dumpOfACheckpointWithoutTheMastersRendererPrintsTheHeaderAndANote() throws Exception {
    writeCheckpoints();
    assertEquals(0, run("dump", "--checkpoint", NEWER, folder.toString()), err::toString);
    List<String> lines = outLines();
    assertEquals(2, lines.size(), lines::toString);
    assertTrue(lines.get(0).startsWith("checkpoint " + NEWER + ": sequence 45, "),
        lines::toString);
    assertTrue(lines.get(1).contains("cannot be shown"), lines::toString);
  }

  @Test
  void dumpOfACorruptOrMissingCheckpointPrintsNoRecords() throws Exception {
    writeCheckpoints();
    flipByte(NEWER, 100);
    assertEquals(1, run(TEXTS, "dump", "--checkpoint", "newest", folder.toString()));
    assertEquals(1, outLines().size(), out::toString);
    assertTrue(err.toString().contains("CORRUPT: checkpoint " + NEWER + " at offset 44"),
        err::toString);
    err.getBuffer().setLength(0);
    assertEquals(2, run(TEXTS, "dump", "--checkpoint", "12", folder.toString()));
    assertTrue(err.toString().contains("no checkpoint '12'") && err.toString().contains(OLDER),
        err::toString);
  }
}
