package io.quire.master.internal;

import static io.quire.master.internal.Listing.path;
import static org.junit.jupiter.api.Assertions.*;

import io.quire.master.internal.Mutation.CreateFile;
import io.quire.master.internal.Mutation.Delete;
import io.quire.master.internal.Mutation.Mkdir;
import io.quire.master.internal.Mutation.Rename;
import io.quire.master.internal.Mutation.SetAttributes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryCodecTest {
  private static final List<Mutation> SAMPLES = List.of(
      new Mkdir(path("/a/b"), true, "alice", 0755, 1_700_000_000_000L, 1),
      new Mkdir(path("/"), false, "", 0, Long.MIN_VALUE, Long.MAX_VALUE),
      new CreateFile(path("/d/f\u00e9\uD83D\uDE00 x"), "bob", 07777, -5, 123_456_789_012L),
      new Rename(path("/a"), path("/b/c"), 0),
      new Delete(path("/a/b"), true, Long.MAX_VALUE),
      new Delete(path("/a"), false, 1),
      new SetAttributes(path("/a"), "carol", 0600, 99L),
      new SetAttributes(path("/a"), null, -1, null),
      new SetAttributes(path("/a"), null, 0644, null));

  private final EntryEncoder encoder = new EntryEncoder();

  private static Mutation decode(byte[] bytes) throws MalformedEntryException {
    return new EntryDecoder(new SharedStrings()).decode(ByteBuffer.wrap(bytes));
  }

  private static String failure(byte[] bytes) {
    return assertThrows(MalformedEntryException.class, () -> decode(bytes)).getMessage();
  }

  @Test
  void everyMutationSurvivesARoundTrip() throws Exception {
    for (Mutation m : SAMPLES) {
      assertEquals(m, decode(encoder.encode(m)));
    }
  }

  @Test
  void oneDecoderDecodesASequenceOfEntriesWithChangingOwners() throws Exception {
    EntryDecoder decoder = new EntryDecoder(new SharedStrings());
    List<Mutation> sequence = List.of(
        new Mkdir(path("/a"), false, "alice", 0755, 1, 1),
        new CreateFile(path("/a/f"), "alice", 0644, 2, 2),
        new CreateFile(path("/a/g"), "alicia", 0644, 3, 3),
        new CreateFile(path("/a/h"), "ali", 0644, 4, 4),
        new SetAttributes(path("/a/h"), "alice", -1, null),
        new CreateFile(path("/a/i"), "", 0644, 5, 5),
        new CreateFile(path("/a/j"), "alice", 0644, 6, 6));
    for (Mutation m : sequence) {
      assertEquals(m, decoder.decode(ByteBuffer.wrap(encoder.encode(m))));
    }
  }

  @Test
  void decodesFromDirectAndOffsetBuffers() throws Exception {
    byte[] bytes = encoder.encode(SAMPLES.get(2));
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
    direct.put(bytes).flip();
    assertEquals(SAMPLES.get(2), new EntryDecoder(new SharedStrings()).decode(direct));
    byte[] padded = new byte[bytes.length + 7];
    System.arraycopy(bytes, 0, padded, 7, bytes.length);
    ByteBuffer slice = ByteBuffer.wrap(padded, 7, bytes.length).slice();
    assertEquals(SAMPLES.get(2), new EntryDecoder(new SharedStrings()).decode(slice));
  }

  @Test
  void decodesACreationAsDecodeDoesFromAnyBufferLeavingItsPosition() throws Exception {
    EntryDecoder decoder = new EntryDecoder(new SharedStrings());
    List<Mutation> creations = List.of(
        new Mkdir(path("/a/b"), true, "alice", 0755, 1_700_000_000_000L, 1),
        new Mkdir(path("/x"), false, "b\u00f6b", 0, -5, Long.MAX_VALUE),
        new CreateFile(path("/d/e/f.txt"), "", 07777, Long.MIN_VALUE, 123_456_789_012L));
    for (Mutation m : creations) {
      for (ByteBuffer entry : buffersOf(encoder.encode(m))) {
        int position = entry.position();
        assertTrue(decoder.decodeCreation(entry), m.toString());
        assertEquals(position, entry.position());
        assertEquals(m, mutationOf(decoder.creation()));
        assertEquals(m, decoder.decode(entry)); // and decode still reads it whole
      }
    }
  }

  @Test
  void leavesToDecodeWhatIsNotAPlainCreation() throws Exception {
    byte[] mkdir = encoder.encode(new Mkdir(path("/a/b"), false, "u", 0755, 1, 1));
    List<byte[]> others = new ArrayList<>(List.of(
        encoder.encode(SAMPLES.get(3)), encoder.encode(SAMPLES.get(4)),
        encoder.encode(SAMPLES.get(6)),
        encoder.encode(new Mkdir(path("/"), false, "u", 0755, 1, 1)),
        encoder.encode(new CreateFile(path("/d/f\u00e9"), "u", 0644, 1, 1)),
        with(with(mkdir, 5, '/'), 6, 'a'), // "//ab": not in normal form; decode makes it "/ab"
        with(mkdir, 5, '.'), // "/./b": decode refuses it
        with(mkdir, 0, 2), // another version
        Arrays.copyOf(mkdir, mkdir.length + 1)));
    for (int cut = 0; cut < mkdir.length; cut++) {
      others.add(Arrays.copyOf(mkdir, cut));
    }
    EntryDecoder decoder = new EntryDecoder(new SharedStrings());
    for (byte[] bytes : others) {
      ByteBuffer entry = ByteBuffer.wrap(bytes);
      assertFalse(decoder.decodeCreation(entry), Arrays.toString(bytes));
      assertEquals(0, entry.position());
    }
    assertEquals(new Mkdir(path("/ab"), false, "u", 0755, 1, 1),
        decode(with(with(mkdir, 5, '/'), 6, 'a')));
  }

  /** The entry as the journal may hand it out: on its own array, a slice of one, direct. */
  private static List<ByteBuffer> buffersOf(byte[] bytes) {
    byte[] padded = new byte[bytes.length + 10];
    System.arraycopy(bytes, 0, padded, 7, bytes.length);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 3);
    direct.position(3);
    direct.put(bytes).position(3);
    return List.of(ByteBuffer.wrap(bytes), ByteBuffer.wrap(padded, 7, bytes.length).slice(),
        ByteBuffer.wrap(padded, 7, bytes.length), direct);
  }

  private static Mutation mutationOf(EntryDecoder.Creation c) throws NamespaceException {
    FsPath path = FsPath.parseUtf8(c.pathBytes, c.pathOffset, c.pathLength);
    assertEquals(path.depth(), c.depth);
    return c.directory ? new Mkdir(path, c.parents, c.owner, c.mode, c.mtime, c.id)
        : new CreateFile(path, c.owner, c.mode, c.mtime, c.id);
  }

  @Test
  void isCompact() {
    byte[] bytes = encoder.encode(new CreateFile(path("/user/a/f1"), "alice", 0644,
        1_700_000_000_000L, 1_000_000));
    assertTrue(bytes.length < 40, "entry is " + bytes.length + " bytes");
  }

  @Test
  void everyTruncationIsRefused() {
    for (Mutation m : SAMPLES) {
      byte[] bytes = encoder.encode(m);
      for (int cut = 0; cut < bytes.length; cut++) {
        String message = failure(Arrays.copyOf(bytes, cut));
        assertTrue(message.contains("truncated") || message.contains("needs"), message);
      }
    }
  }

  @Test
  void decodingErrorsNameTheProblem() {
    byte[] good = encoder.encode(SAMPLES.get(0));
    assertEquals("entry version 2 is not supported (this master reads version 1)",
        failure(with(good, 0, 2)));
    assertEquals("unknown opcode 9", failure(with(good, 1, 9)));
    assertTrue(failure(with(good, 2, 0x82)).contains("unknown flag bits 0x82"));
    assertEquals("1 bytes follow the end of MKDIR", failure(Arrays.copyOf(good, good.length + 1)));
    byte[] relative = encoder.encode(new Rename(path("/a"), path("/b"), 0));
    relative[3] = (byte) 'x'; // "/a" -> "xa"
    assertTrue(failure(relative).startsWith("RENAME field 'path' at byte 5: invalid path 'xa'"));
    byte[] badMode = encoder.encode(new SetAttributes(path("/a"), null, 07777, null));
    badMode[badMode.length - 1] = 0x40; // 07777 -> 0x3FFF: above 07777
    assertTrue(failure(badMode).contains("is above 07777"), failure(badMode));
    byte[] hugeString = {1, 4, 0, (byte) 0xFF, (byte) 0xFF, 0x7F};
    assertTrue(failure(hugeString).contains("length 2097151 exceeds"), failure(hugeString));
    byte[] longVarint = {1, 3, 2, '/', 'a', 2, '/', 'b', -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        1};
    assertTrue(failure(longVarint).contains("varint longer than 10 bytes"));
  }

  private static byte[] with(byte[] bytes, int index, int value) {
    byte[] copy = bytes.clone();
    copy[index] = (byte) value;
    return copy;
  }
}
