package io.quire.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.CorruptJournalException;
import io.quire.journal.JournalFormat;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption table: every way the last segment can be damaged, and what recovery must do.
 * A crash can only tear the tail; everything else is corruption and must stop the start.
 */
class CorruptionTableTest {

  @TempDir
  Path root;

  private Path openSegment(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".qlog.open")).findFirst()
          .orElseThrow();
    }
  }

  private long lastRecordOffset(Path segment) throws Exception {
    byte[] bytes = Files.readAllBytes(segment);
    long offset = JournalFormat.SEGMENT_HEADER_BYTES;
    long last = offset;
    while (offset < bytes.length) {
      last = offset;
      int length = java.nio.ByteBuffer.wrap(bytes, (int) offset, 4).getInt();
      offset += JournalFormat.RECORD_HEADER_BYTES + length;
    }
    return last;
  }

  @Test
  void truncatesTornTailAtEveryOffsetOfTheLastEntryAndKeepsTheCutBytes() throws Exception {
    Path template = root.resolve("template");
    List<String> written = new JournalFixture(template).write(5, 1 << 20);
    Path segment = openSegment(template);
    long lastStart = lastRecordOffset(segment);
    long size = Files.size(segment);
    for (long cut = lastStart + 1; cut < size; cut++) {
      Path folder = root.resolve("cut-" + cut);
      copyFolder(template, folder);
      Path copy = folder.resolve(segment.getFileName());
      try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
        file.setLength(cut);
      }
      JournalFixture fixture = new JournalFixture(folder, false);
      assertEquals(written.subList(0, 4), fixture.replay(), "cut at " + cut);
      assertEquals(lastStart, Files.size(copy), "segment cut back to the last valid entry");
      Path side = folder.resolve(JournalFormat.tornSideFileName(copy.getFileName().toString(),
          lastStart));
      assertEquals(cut - lastStart, Files.size(side), "cut bytes kept aside");
      assertEquals(written.subList(0, 4), fixture.replay(), "a second start finds nothing to cut");
    }
  }

  @Test
  void appendsAfterARepairedTailContinueTheSequence() throws Exception {
    Path folder = root.resolve("j");
    new JournalFixture(folder).write(3, 1 << 20);
    Path segment = openSegment(folder);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(file.length() - 3);
    }
    List<String> after = new JournalFixture(folder, false).write(2, 1 << 20);
    assertEquals(List.of("entry-1", "entry-2", "entry-3", "entry-4"), after);
  }

  @Test
  void zeroFilledTailIsTreatedAsTorn() throws Exception {
    Path folder = root.resolve("j");
    List<String> written = new JournalFixture(folder).write(3, 1 << 20);
    Path segment = openSegment(folder);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.seek(file.length());
      file.write(new byte[4096]);
    }
    assertEquals(written, new JournalFixture(folder, false).replay());
  }

  @Test
  void refusesToStartOnAFlippedByteInAMiddleEntry() throws Exception {
    Path folder = root.resolve("j");
    new JournalFixture(folder).write(5, 1 << 20);
    Path segment = openSegment(folder);
    long offset = JournalFormat.SEGMENT_HEADER_BYTES + JournalFormat.RECORD_HEADER_BYTES + 2;
    flip(segment, offset);
    CorruptJournalException e = assertThrows(CorruptJournalException.class,
        () -> new JournalFixture(folder, false).replay());
    assertEquals(segment.getFileName().toString(), e.file());
    assertEquals(JournalFormat.SEGMENT_HEADER_BYTES, e.offset());
    assertEquals(1, e.sequence());
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains("bin/quire journal verify"), e.getMessage());
  }

  @Test
  void refusesToStartOnAFlippedByteInTheLastCompleteEntry() throws Exception {
    Path folder = root.resolve("j");
    new JournalFixture(folder).write(5, 1 << 20);
    Path segment = openSegment(folder);
    long last = lastRecordOffset(segment);
    flip(segment, Files.size(segment) - 1);
    CorruptJournalException e = assertThrows(CorruptJournalException.class,
        () -> new JournalFixture(folder, false).replay());
    assertEquals(last, e.offset());
    assertEquals(5, e.sequence());
  }

  @Test
  void refusesToStartOnAZeroedBlockInTheMiddle() throws Exception {
    Path folder = root.resolve("j");
    new JournalFixture(folder).write(400, 1 << 20);
    Path segment = openSegment(folder);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.seek(1024);
      file.write(new byte[512]);
    }
    CorruptJournalException e = assertThrows(CorruptJournalException.class,
        () -> new JournalFixture(folder, false).replay());
    assertTrue(e.offset() <= 1024 && e.offset() > 0, "offset " + e.offset());
  }

  @Test
  void refusesToStartOnCorruptSealedSegmentEvenAtItsEnd() throws Exception {
    Path folder = root.resolve("j");
    new JournalFixture(folder).write(200, 512);
    Path sealed;
    try (Stream<Path> files = Files.list(folder)) {
      sealed = files.filter(p -> p.getFileName().toString().endsWith(".qlog")).sorted()
          .findFirst().orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(sealed.toFile(), "rw")) {
      file.setLength(file.length() - 1);
    }
    CorruptJournalException e = assertThrows(CorruptJournalException.class,
        () -> new JournalFixture(folder, false).replay());
    assertEquals(sealed.getFileName().toString(), e.file());
  }

  @Test
  void refusesAGapBetweenSegments() throws Exception {
    Path folder = root.resolve("j");
    new JournalFixture(folder).write(200, 512);
    Path second;
    try (Stream<Path> files = Files.list(folder)) {
      second = files.filter(p -> p.getFileName().toString().endsWith(".qlog")).sorted()
          .skip(1).findFirst().orElseThrow();
    }
    Files.delete(second);
    CorruptJournalException e = assertThrows(CorruptJournalException.class,
        () -> new JournalFixture(folder, false).replay());
    assertTrue(e.getMessage().contains("gap in sequence numbers"), e.getMessage());
  }

  @Test
  void removesATornHeaderOfAFreshSegment() throws Exception {
    Path folder = root.resolve("j");
    List<String> written = new JournalFixture(folder).write(3, 1 << 20);
    Path segment = openSegment(folder);
    // seal the segment by hand and start a new one whose header the crash cut
    String sealedName = JournalFormat.sealedSegmentName(1, 3);
    Files.move(segment, folder.resolve(sealedName));
    Files.write(folder.resolve(JournalFormat.openSegmentName(4)), new byte[] {0x51, 0x4A});
    assertEquals(written, new JournalFixture(folder, false).replay());
  }

  private static void flip(Path file, long offset) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ 0x40);
    }
  }

  private static void copyFolder(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path p : files.toList()) {
        if (!p.getFileName().toString().equals(JournalFormat.LOCK)) {
          Files.copy(p, to.resolve(p.getFileName()));
        }
      }
    }
  }
}
