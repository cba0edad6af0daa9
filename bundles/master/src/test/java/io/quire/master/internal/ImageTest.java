package io.quire.master.internal;

import static io.quire.master.internal.Listing.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.state.CorruptStateFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageTest {

  private static byte[] image(NamespaceSnapshot s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(s.inodeCount(), ImageWriter.write(s, out));
    return out.toByteArray();
  }

  private static NamespaceSnapshot read(byte[] image, long sequence) throws IOException {
    return ImageReader.read(new ByteArrayInputStream(image), "test", sequence,
        new SharedStrings());
  }

  @Test
  void aRandomNamespaceSurvivesTheRoundTripExactly() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Namespace ns = new Namespace(new MemoryJournal(), Clock.systemUTC());
    ns.recover();
    RandomOperations.run(ns, random, 4000);
    NamespaceSnapshot before = ns.snapshot();
    NamespaceSnapshot after = read(image(before), before.lastAppliedSequence());
    assertEquals(Listing.of(before), Listing.of(after), "seed " + seed);
    // the loaded tree is an ordinary persistent snapshot: live mutations apply to it
    NamespaceSnapshot changed = MutationApplier.apply(after, new Mutation.Mkdir(
        path("/fresh-after-load"), true, "u", 0700, 5, after.nextInodeId()));
    assertEquals(after.inodeCount() + 1, changed.inodeCount());
  }

  @Test
  void anEmptyNamespaceIsOneRootRecord() throws Exception {
    NamespaceSnapshot empty = NamespaceSnapshot.empty();
    assertEquals(Listing.of(empty), Listing.of(read(image(empty), 0)));
  }

  @Test
  void everyCutOfTheImageIsReported() throws Exception {
    NamespaceSnapshot s = small();
    byte[] image = image(s);
    for (int cut = 0; cut < image.length; cut++) {
      byte[] shorter = Arrays.copyOf(image, cut);
      assertThrows(CorruptStateFileException.class, () -> read(shorter, 1), "cut at " + cut);
    }
    byte[] longer = Arrays.copyOf(image, image.length + 1);
    assertTrue(assertThrows(CorruptStateFileException.class, () -> read(longer, 1))
        .getMessage().contains("bytes follow"));
  }

  @Test
  void malformedImagesAreNamedNotLoaded() throws Exception {
    byte[] image = image(small());
    byte[] version = image.clone();
    version[0] = 2;
    assertTrue(assertThrows(CorruptStateFileException.class, () -> read(version, 1))
        .getMessage().contains("version 2"));
    // a flipped byte either fails a check or yields a different tree, never a silent equal one
    NamespaceSnapshot original = read(image, 1);
    for (int at = 1; at < image.length; at++) {
      byte[] damaged = image.clone();
      damaged[at] ^= 0x01;
      try {
        NamespaceSnapshot loaded = read(damaged, 1);
        assertTrue(!Listing.of(loaded).equals(Listing.of(original)), "flip at " + at);
      } catch (CorruptStateFileException expected) {
        // reported with its reason
      }
    }
  }

  private static NamespaceSnapshot small() throws Exception {
    Namespace ns = new Namespace(new MemoryJournal(), Clock.systemUTC());
    ns.recover();
    ns.mkdir(path("/a/b"), true, "alice", 0755);
    ns.createFile(path("/a/b/f"), "bob", 0644);
    ns.createFile(path("/a/g"), "alice", 0600);
    ns.mkdir(path("/z"), false, "carol", 0700);
    return ns.snapshot();
  }
}
