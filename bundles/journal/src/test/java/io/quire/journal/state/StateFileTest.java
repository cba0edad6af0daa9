package io.quire.journal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class StateFileTest {
  private static final UUID CLUSTER = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
  private static final StateFileHeader HEADER = new StateFileHeader(
      StateFileHeader.Kind.CHECKPOINT, StateFileFormat.VERSION, 42, CLUSTER, 1_700_000_000_000L);

  /** A file whose body spans several chunks. */
  private static byte[] body(int bytes) {
    byte[] body = new byte[bytes];
    new Random(7).nextBytes(body);
    return body;
  }

  private static byte[] file(byte[] body, long entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StateFileWriter writer = new StateFileWriter(out, HEADER);
    // uneven writes, so chunk boundaries fall inside them
    for (int at = 0; at < body.length; at += 1000) {
      writer.body().write(body, at, Math.min(1000, body.length - at));
    }
    writer.finish(entries);
    return out.toByteArray();
  }

  private static long readAll(byte[] file, byte[] into) throws IOException {
    StateFileReader reader = StateFileReader.open(new ByteArrayInputStream(file), "f");
    int n = reader.body().readNBytes(into, 0, into.length);
    assertEquals(-1, reader.body().read(), "body longer than written");
    assertEquals(into.length, n);
    return reader.finish();
  }

  @Test
  void roundTripKeepsHeaderBodyAndCount() throws IOException {
    byte[] body = body(3 * StateFileFormat.CHUNK_BYTES + 123);
    byte[] file = file(body, 777);
    StateFileReader reader = StateFileReader.open(new ByteArrayInputStream(file), "f");
    assertEquals(HEADER, reader.header());
    byte[] read = reader.body().readAllBytes();
    assertArrayEquals(body, read);
    assertEquals(777, reader.finish());
  }

  @Test
  void finishChecksTheRestWhenTheReaderStopsEarly() throws IOException {
    byte[] file = file(body(2 * StateFileFormat.CHUNK_BYTES), 5);
    file[file.length - 40] ^= 1; // inside the last chunk's payload
    StateFileReader reader = StateFileReader.open(new ByteArrayInputStream(file), "f");
    reader.body().readNBytes(10);
    assertThrows(CorruptStateFileException.class, reader::finish);
  }

  @Test
  void everyCutIsReportedAsTruncatedOrCorrupt() throws IOException {
    byte[] body = body(300);
    byte[] file = file(body, 3);
    for (int cut = 0; cut < file.length; cut++) {
      byte[] shorter = Arrays.copyOf(file, cut);
      CorruptStateFileException e = assertThrows(CorruptStateFileException.class,
          () -> readAll(shorter, new byte[body.length]), "cut at " + cut);
      assertTrue(e.getMessage().contains("'f'"), e.getMessage());
    }
  }

  @Test
  void everyFlippedByteIsCaught() throws IOException {
    byte[] body = body(300);
    byte[] file = file(body, 3);
    for (int at = 0; at < file.length; at++) {
      byte[] damaged = file.clone();
      damaged[at] ^= 0x10;
      assertThrows(CorruptStateFileException.class, () -> readAll(damaged, new byte[body.length]),
          "flip at " + at);
    }
  }

  @Test
  void trailingBytesEmptyFileAndWrongMagicAreNamed() throws IOException {
    byte[] file = file(body(10), 1);
    byte[] longer = Arrays.copyOf(file, file.length + 1);
    assertTrue(assertThrows(CorruptStateFileException.class,
        () -> readAll(longer, new byte[10])).getMessage().contains("follow the end"));
    assertTrue(assertThrows(CorruptStateFileException.class,
        () -> StateFileReader.open(new ByteArrayInputStream(new byte[0]), "f"))
        .getMessage().contains("empty"));
    byte[] text = "just some text that is long enough for a header, surely!"
        .getBytes(StandardCharsets.UTF_8);
    assertTrue(assertThrows(CorruptStateFileException.class,
        () -> StateFileReader.open(new ByteArrayInputStream(text), "f"))
        .getMessage().contains("not a Quire state file"));
  }

  @Test
  void aNewerVersionIsNamedAsSuch() throws IOException {
    byte[] file = file(body(10), 1);
    file[5] = 9; // version low byte
    // fix the header checksum so that only the version is wrong
    java.nio.ByteBuffer.wrap(file).putInt(40, StateFileWriter.crc(file, 0, 40));
    CorruptStateFileException e = assertThrows(CorruptStateFileException.class,
        () -> StateFileReader.open(new ByteArrayInputStream(file), "f"));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }

  @Test
  void gzipDamageIsCorruptionNotAnIoError() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(file(body(5000), 2));
    }
    byte[] bytes = zipped.toByteArray();
    bytes[bytes.length / 2] ^= 0x55;
    assertThrows(CorruptStateFileException.class, () -> {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        StateFileReader reader = StateFileReader.open(in, "f.gz");
        reader.finish();
      }
    });
  }
}
