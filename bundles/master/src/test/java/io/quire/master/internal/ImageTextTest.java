package io.quire.master.internal;

import static io.quire.master.internal.Listing.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.JournalFolder;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.internal.CheckpointStore;
import io.quire.journal.internal.SegmentedJournal;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import io.quire.journal.state.StateFileReader;
import io.quire.journal.state.StateFileWriter;
import io.quire.storage.local.LocalJournalStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTextTest {
  private static final Instant NOW = Instant.parse("2026-11-22T04:00:00.123Z");
  private static final StateFileHeader HEADER = new StateFileHeader(
      StateFileHeader.Kind.CHECKPOINT, 1, 5, UUID.randomUUID(), NOW.toEpochMilli());

  @TempDir
  Path folder;

  /** The snapshot's image inside a state file, as a checkpoint holds it. */
  private static byte[] stateFile(NamespaceSnapshot snapshot) throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    StateFileWriter writer = new StateFileWriter(file, HEADER);
    writer.finish(ImageWriter.write(snapshot, writer.body()));
    return file.toByteArray();
  }

  @Test
  void rendersEveryInodeParentsFirstWithPathKindIdOwnerModeAndMtime() throws Exception {
    Namespace ns = new Namespace(new MemoryJournal(), Clock.fixed(NOW, ZoneOffset.UTC));
    ns.recover();
    ns.mkdir(path("/a/b"), true, "alice", 0755);
    ns.createFile(path("/a/b/f"), "bob", 0644);
    ns.createFile(path("/a/g"), "alice", 0600);
    ns.mkdir(path("/z"), false, "carol", 01700);
    ns.setAttributes(path("/z"), null, -1, 86_400_000L);
    StateFileReader reader = StateFileReader.open(
        new ByteArrayInputStream(stateFile(ns.snapshot())), "checkpoint-5");
    List<String> lines = new ArrayList<>();
    long records = ImageText.describe("checkpoint-5", reader.header(), reader.body(), lines::add);
    assertEquals(List.of(
        "/\tdir\t0\tquire\t0755\t2026-11-22T04:00:00.123Z",
        "/a\tdir\t1\talice\t0755\t2026-11-22T04:00:00.123Z",
        "/a/b\tdir\t2\talice\t0755\t2026-11-22T04:00:00.123Z",
        "/a/b/f\tfile\t3\tbob\t0644\t2026-11-22T04:00:00.123Z",
        "/a/g\tfile\t4\talice\t0600\t2026-11-22T04:00:00.123Z",
        "/z\tdir\t5\tcarol\t1700\t1970-01-02T00:00:00Z"), lines);
    assertEquals(6, records);
    assertEquals(records, reader.finish(), "the count the end record holds");
  }

  @Test
  void escapesWhatWouldBreakTheLine() {
    Inode odd = Inode.file(7, "back\\slash", "eve\tops\n\u0001", 0, -1);
    assertEquals("/back\\\\slash\tfile\t7\teve\\tops\\n\\x01\t0000\t1969-12-31T23:59:59.999Z",
        ImageText.line("/back\\slash", odd));
  }

  @Test
  void aMalformedImageIsReportedAndRendersNothing() throws Exception {
    ByteArrayOutputStream image = new ByteArrayOutputStream();
    ImageWriter.write(NamespaceSnapshot.empty(), image);
    byte[] newer = image.toByteArray();
    newer[0] = 2;
    List<String> lines = new ArrayList<>();
    CorruptStateFileException e = assertThrows(CorruptStateFileException.class,
        () -> ImageText.describe("checkpoint-5", HEADER, new ByteArrayInputStream(newer),
            lines::add));
    assertTrue(e.getMessage().contains("checkpoint-5") && e.getMessage().contains("version 2"),
        e.getMessage());
    assertEquals(List.of(), lines);
  }

  /** A real checkpoint file, loaded the way the offline tool loads it: one line per inode. */
  @Test
  void aCheckpointOfARandomNamespaceRendersOneLinePerInodeInItsOrder() throws Exception {
    LocalJournalStorage storage = new LocalJournalStorage(folder);
    String cluster = JournalFolder.format(storage, Clock.systemUTC()).clusterId();
    long seed = System.nanoTime();
    NamespaceSnapshot snapshot;
    CheckpointInfo checkpoint;
    try (SegmentedJournal journal = new SegmentedJournal(storage,
        new SegmentedJournal.Options(16 << 10, 10_000, 1 << 20), Clock.systemUTC())) {
      Namespace ns = new Namespace(journal, Clock.systemUTC());
      ns.recover();
      RandomOperations.run(ns, new Random(seed), 2000);
      snapshot = ns.snapshot();
      checkpoint = journal.checkpoint(ns.stateSnapshot());
    }
    List<String> lines = new ArrayList<>();
    CheckpointInfo loaded = new CheckpointStore(storage, UUID.fromString(cluster),
        Clock.systemUTC()).load(checkpoint.name(), new RecoveryTarget() {
          @Override
          public long loadCheckpoint(String source, StateFileHeader header, InputStream body)
              throws IOException {
            return ImageText.describe(source, header, body, lines::add);
          }

          @Override
          public void reset() {}

          @Override
          public void accept(long sequence, ByteBuffer entry) {
            throw new AssertionError("no entries in a checkpoint");
          }
        });
    List<String> expected = new ArrayList<>();
    snapshot.forEachInode((p, parentId, inode) -> expected.add(p + "\t"
        + (inode.isDirectory() ? "dir" : "file") + "\t" + inode.id() + "\t" + inode.owner()));
    List<String> rendered = lines.stream()
        .map(line -> line.substring(0, line.lastIndexOf('\t', line.lastIndexOf('\t') - 1)))
        .toList();
    assertEquals(expected, rendered, "seed " + seed);
    assertEquals(snapshot.inodeCount(), loaded.entries(), "seed " + seed);
  }
}
