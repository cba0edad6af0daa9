package io.quire.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The corruption table for backup files: every damage is an error that names the backup. */
class BackupFilesTest {
  private static final String SOURCE = "file:///backups/alluxio-journal-2026-11-29-1.gz";
  private static final UUID CLUSTER = UUID.fromString("6f2b7c1e-58a4-4c4e-9d7a-0c1e2f3a4b5c");

  @Test
  void namesCarryTheUtcDateAndTheEpochMillis() {
    Instant late = Instant.parse("2026-11-29T23:59:59.999Z");
    assertEquals("alluxio-journal-2026-11-29-" + late.toEpochMilli() + ".gz",
        BackupFiles.name(late));
    assertTrue(BackupFiles.isBackupName(BackupFiles.name(late)));
    assertEquals(late.toEpochMilli(), BackupFiles.createdMillis(BackupFiles.name(late)));
    for (String other : new String[] {"alluxio-journal-2026-11-29-1.gz.0badf00d.tmp",
        "alluxio-journal-2026-11-29.gz", "my-alluxio-journal-2026-11-29-1.gz",
        "alluxio-journal-2026-11-29-1.tar.gz"}) {
      assertTrue(!BackupFiles.isBackupName(other), other);
    }
  }

  @Test
  void aGoodBackupChecksOutWithItsHeaderAndCount() throws Exception {
    BackupSummary summary = BackupFiles.check(new ByteArrayInputStream(backup(5000)), SOURCE);
    assertEquals(42, summary.sequence());
    assertEquals(CLUSTER, summary.clusterId());
    assertEquals(5000, summary.entries());
    assertEquals(5000 * 8, summary.stateBytes());
    assertEquals(Instant.ofEpochMilli(1_764_374_400_000L), summary.created());
  }

  @Test
  void cutAtAnyOffsetIsAnError() throws Exception {
    byte[] good = backup(5000);
    for (int length = 0; length < good.length; length += length < 64 ? 1 : 97) {
      byte[] cut = Arrays.copyOf(good, length);
      assertProblem(cut, "cut to " + length + " of " + good.length + " bytes");
    }
    assertProblem(Arrays.copyOf(good, good.length - 1), "the last byte cut");
  }

  @Test
  void aFlippedByteAnywhereAfterTheGzipHeaderIsAnError() throws Exception {
    byte[] good = backup(5000);
    // gzip's header bytes 4-9 (time, flags, system) do not cover the content: flips there
    // change nothing a restore would read
    for (int at = 10; at < good.length; at += 13) {
      byte[] flipped = good.clone();
      flipped[at] ^= 0x5A;
      assertProblem(flipped, "byte " + at + " flipped");
    }
  }

  @Test
  void anEmptyFileIsNotABackup() {
    assertTrue(assertProblem(new byte[0], "empty").contains("empty"));
  }

  @Test
  void aGzipOfSomethingElseIsNotABackup() throws Exception {
    byte[] text = ("just some text, and then some more of it, long enough to fill a header")
        .getBytes(StandardCharsets.UTF_8);
    String problem = assertProblem(gzip(text), "gzip of text");
    assertTrue(problem.contains("not a Quire state file"), problem);
  }

  @Test
  void anUncompressedStateFileIsNotABackup() throws Exception {
    String problem = assertProblem(stateFile(StateFileHeader.Kind.BACKUP, 10), "not gzip");
    assertTrue(problem.contains("gzip"), problem);
  }

  @Test
  void aCheckpointIsNotABackup() throws Exception {
    String problem = assertProblem(gzip(stateFile(StateFileHeader.Kind.CHECKPOINT, 10)),
        "a checkpoint");
    assertTrue(problem.contains("not a backup"), problem);
  }

  @Test
  void aWrongMagicNumberIsNotABackup() throws Exception {
    byte[] state = stateFile(StateFileHeader.Kind.BACKUP, 10);
    state[0] = 'X';
    String problem = assertProblem(gzip(state), "wrong magic");
    assertTrue(problem.contains("not a Quire state file"), problem);
  }

  @Test
  void aNewerFormatSaysSo() throws Exception {
    byte[] state = stateFile(StateFileHeader.Kind.BACKUP, 10);
    ByteBuffer header = ByteBuffer.wrap(state);
    header.putShort(4, (short) 2);
    CRC32C crc = new CRC32C();
    crc.update(state, 0, 40);
    header.putInt(40, (int) crc.getValue());
    String problem = assertProblem(gzip(state), "version 2");
    assertTrue(problem.contains("newer Quire"), problem);
  }

  /** Checks {@code bytes}; returns the problem, which must name the backup. */
  private static String assertProblem(byte[] bytes, String what) {
    IOException e = assertThrows(IOException.class,
        () -> BackupFiles.check(new ByteArrayInputStream(bytes), SOURCE), what);
    assertTrue(e instanceof CorruptStateFileException, what + ": " + e);
    assertTrue(e.getMessage().contains(SOURCE), what + ": " + e.getMessage());
    return e.getMessage();
  }

  private static byte[] backup(int records) throws IOException {
    return gzip(stateFile(StateFileHeader.Kind.BACKUP, records));
  }

  private static byte[] stateFile(StateFileHeader.Kind kind, int records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StateFileWriter writer = new StateFileWriter(out,
        new StateFileHeader(kind, 0, 42, CLUSTER, 1_764_374_400_000L));
    DataOutputStream body = new DataOutputStream(writer.body());
    for (long i = 1; i <= records; i++) {
      body.writeLong(i * 7919);
    }
    body.flush();
    writer.finish(records);
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(content);
    }
    return out.toByteArray();
  }
}
