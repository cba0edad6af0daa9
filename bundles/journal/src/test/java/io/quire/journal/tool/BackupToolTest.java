package io.quire.journal.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileWriter;
import io.quire.storage.local.LocalJournalStorage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code journal verify|dump} given a backup file rather than a journal folder. */
class BackupToolTest {
  private static final UUID CLUSTER = UUID.randomUUID();
  private static final int RECORDS = 3000;

  private static final CheckpointRenderer TEXTS = TextRecords.RENDERER;

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** A backup of {@code records} paths at sequence 77, its end counting {@code counted}. */
  private static byte[] backup(StateFileHeader.Kind kind, int records, long counted)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      StateFileWriter writer = new StateFileWriter(gzip, new StateFileHeader(kind, 1, 77, CLUSTER,
          1_700_000_000_000L));
      DataOutputStream data = new DataOutputStream(writer.body());
      for (int i = 0; i < records; i++) {
        data.writeUTF("/d" + (i % 10) + "/f" + i);
      }
      data.flush();
      writer.finish(counted);
    }
    return bytes.toByteArray();
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = dir.resolve("alluxio-journal-2023-11-14-1700000000000.gz");
    Files.write(file, bytes);
    return file;
  }

  private int run(CheckpointRenderer renderer, String... args) {
    CommandLine commandLine = new CommandLine(new JournalTool(EntryRenderer.raw(), renderer,
        folder -> new LocalJournalStorage(Path.of(folder))));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void verifyChecksEveryRecordOfAGoodBackup() throws Exception {
    Path file = write(backup(StateFileHeader.Kind.BACKUP, RECORDS, RECORDS));
    assertEquals(0, run(TEXTS, "verify", file.toString()), err::toString);
    assertTrue(out.toString().contains("backup " + file + ": sequence 77, cluster " + CLUSTER
        + ", created 2023-11-14T22:13:20Z"), out::toString);
    assertTrue(out.toString().contains(": valid, " + RECORDS + " records, "), out::toString);
  }

  @Test
  void verifyTakesTheFileUriThatFsadminBackupPrints() throws Exception {
    Path file = write(backup(StateFileHeader.Kind.BACKUP, RECORDS, RECORDS));
    assertEquals(0, run(TEXTS, "verify", file.toUri().toString()), err::toString);
    assertTrue(out.toString().contains(": valid, " + RECORDS + " records, "), out::toString);
  }

  @Test
  void verifyWithoutTheDecoderChecksTheContainerAndSaysSo() throws Exception {
    Path file = write(backup(StateFileHeader.Kind.BACKUP, RECORDS, RECORDS));
    assertEquals(0, run(null, "verify", file.toString()), err::toString);
    assertTrue(out.toString().contains("records not decoded"), out::toString);
  }

  @Test
  void verifyFindsTruncationDamageAndOtherFiles() throws Exception {
    byte[] good = backup(StateFileHeader.Kind.BACKUP, RECORDS, RECORDS);
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(plain)) {
      gzip.write("not a state file at all, just some text".repeat(10).getBytes());
    }
    List<Object[]> cases = List.of(
        new Object[] {"truncated", Arrays.copyOf(good, good.length - 9), "truncated"},
        new Object[] {"flipped", flipped, "CORRUPT: backup"},
        new Object[] {"empty", new byte[0], "empty, or too short"},
        new Object[] {"not gzip", "plain text".getBytes(), "gzip"},
        new Object[] {"gzip of text", plain.toByteArray(), "not a Quire state file"},
        new Object[] {"a checkpoint", backup(StateFileHeader.Kind.CHECKPOINT, 5, 5),
            "not a backup"},
        new Object[] {"miscounted", backup(StateFileHeader.Kind.BACKUP, RECORDS, RECORDS + 1),
            "its end counts " + (RECORDS + 1) + " records, but the body held " + RECORDS});
    for (Object[] c : cases) {
      err.getBuffer().setLength(0);
      Path file = write((byte[]) c[1]);
      assertEquals(1, run(TEXTS, "verify", file.toString()), c[0] + ": " + out + err);
      assertTrue(err.toString().contains((String) c[2]) && err.toString().contains(
          file.toString()), c[0] + ": " + err);
    }
  }

  @Test
  void dumpPrintsTheHeaderThenTheRecordsFilteredByPath() throws Exception {
    Path file = write(backup(StateFileHeader.Kind.BACKUP, RECORDS, RECORDS));
    assertEquals(0, run(TEXTS, "dump", "--path", "/d3", file.toString()), err::toString);
    List<String> lines = out.toString().lines().toList();
    assertTrue(lines.get(0).startsWith("backup " + file + ": sequence 77, ")
        && lines.get(0).endsWith(", " + RECORDS + " records"), lines.get(0));
    assertEquals(RECORDS / 10 + 1, lines.size());
    assertTrue(lines.stream().skip(1).allMatch(line -> line.startsWith("/d3/")), out::toString);
  }

  @Test
  void dumpOfADamagedBackupPrintsNoRecordAndEntryFiltersAreRefused() throws Exception {
    byte[] good = backup(StateFileHeader.Kind.BACKUP, RECORDS, RECORDS);
    Path file = write(Arrays.copyOf(good, good.length - 20));
    assertEquals(1, run(TEXTS, "dump", file.toString()));
    assertEquals("", out.toString());
    write(good);
    assertEquals(2, run(TEXTS, "dump", "--from", "5", file.toString()));
    assertTrue(err.toString().contains("is a backup file"), err::toString);
  }
}
