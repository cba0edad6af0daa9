package io.quire.master.internal;

import static io.quire.master.internal.Listing.path;
import static org.junit.jupiter.api.Assertions.*;

import io.quire.master.internal.Mutation.CreateFile;
import io.quire.master.internal.Mutation.Delete;
import io.quire.master.internal.Mutation.Mkdir;
import io.quire.master.internal.Mutation.Rename;
import io.quire.master.internal.Mutation.SetAttributes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EditSessionTest {

  /** A random mutation over a small name space, so that refusals happen too. */
  private static Mutation randomMutation(Random random, long nextId, long now)
      throws NamespaceException {
    FsPath p = RandomOperations.randomPath(random);
    String owner = "user" + random.nextInt(3);
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> new Mkdir(p, random.nextBoolean(), owner, 0755, now, nextId);
      case 3, 4, 5 -> new CreateFile(p, owner, random.nextInt(01000), now, nextId);
      case 6, 7 -> new Rename(p, RandomOperations.randomPath(random), now);
      case 8 -> new Delete(p, random.nextBoolean(), now);
      default -> new SetAttributes(p, random.nextBoolean() ? owner : null,
          random.nextBoolean() ? random.nextInt(07777) : -1,
          random.nextBoolean() ? random.nextLong() : null);
    };
  }

  /** How a mutation ended: the refusal's code and message, or null if it applied. */
  private static String outcome(NamespaceException refusal) {
    return refusal == null ? null : refusal.code() + " " + refusal.getMessage();
  }

  @Test
  void buildsTheSameTreeAsPersistentApplicationAndRefusesTheSameMutations() throws Exception {
    for (int run = 0; run < 20; run++) {
      long seed = System.nanoTime();
      Random random = new Random(seed);
      NamespaceSnapshot persistent = NamespaceSnapshot.empty();
      NamespaceSnapshot building = persistent;
      EditSession session = new EditSession();
      int applied = 0;
      for (int i = 0; i < 3000; i++) {
        Mutation m = randomMutation(random, persistent.nextInodeId(), 1_000 + i);
        NamespaceException refusedPersistently = null;
        NamespaceException refusedInSession = null;
        try {
          persistent = MutationApplier.apply(persistent, m);
          applied++;
        } catch (NamespaceException e) {
          refusedPersistently = e;
        }
        try {
          building = MutationApplier.apply(building, m, session);
        } catch (NamespaceException e) {
          refusedInSession = e;
        }
        assertEquals(outcome(refusedPersistently), outcome(refusedInSession),
            "mutation " + i + " " + m + ", seed " + seed);
        assertEquals(persistent.nextInodeId(), building.nextInodeId(), "seed " + seed);
        assertEquals(persistent.inodeCount(), building.inodeCount(), "seed " + seed);
      }
      NamespaceSnapshot frozen = new NamespaceSnapshot(session.freeze(building.root()),
          persistent.lastAppliedSequence(), building.nextInodeId());
      assertEquals(Listing.of(persistent), Listing.of(frozen), "seed " + seed);
      assertTrue(applied > 500, "only " + applied + " applied, seed " + seed);
    }
  }

  /**
   * Replay's shortcut takes exactly the plain creations (the parent exists and is a directory,
   * the name is free, the id is the next) and builds what apply builds; it leaves everything
   * else to apply without changing anything. Both on a persistent tree and on one the session
   * has built (whose directories it looks names up in by their bytes).
   */
  @Test
  void appliesAPlainCreationFromItsBytesAndLeavesAnyOtherToApply() throws Exception {
    List<String> before = Listing.of(startingTree(null));
    List<Mutation> plain = List.of(new Mkdir(path("/dir/sub"), false, "v", 0700, 9, 3),
        new Mkdir(path("/dir/sub"), true, "v", 0700, 9, 3),
        new CreateFile(path("/other"), "v", 0600, 9, 3));
    // a name taken, by a directory and by a file; below a file; below a missing directory, as
    // a file and with parents; an id that is not the next
    List<Mutation> others = List.of(new Mkdir(path("/dir"), false, "v", 0700, 9, 3),
        new CreateFile(path("/file"), "v", 0600, 9, 3),
        new Mkdir(path("/file/sub"), true, "v", 0700, 9, 3),
        new CreateFile(path("/none/sub"), "v", 0600, 9, 3),
        new Mkdir(path("/none/sub"), true, "v", 0700, 9, 3),
        new Mkdir(path("/next"), false, "v", 0700, 9, 4));
    EntryEncoder encoder = new EntryEncoder();
    for (boolean built : new boolean[] {false, true}) {
      for (Mutation m : plain) {
        EditSession session = new EditSession();
        Inode root = applyCreation(startingTree(built ? session : null), encoder.encode(m),
            session);
        assertNotNull(root, m.toString());
        NamespaceSnapshot applied = MutationApplier.apply(startingTree(null), m);
        assertEquals(Listing.of(applied), Listing.of(new NamespaceSnapshot(session.freeze(root),
            applied.lastAppliedSequence(), applied.nextInodeId())), m.toString());
      }
      for (Mutation m : others) {
        EditSession session = new EditSession();
        NamespaceSnapshot start = startingTree(built ? session : null);
        assertNull(applyCreation(start, encoder.encode(m), session), m.toString());
        assertEquals(before, Listing.of(new NamespaceSnapshot(session.freeze(start.root()),
            start.lastAppliedSequence(), start.nextInodeId())), m.toString());
      }
    }
  }

  /** Directory /dir and file /file, persistent or built inside {@code session}. */
  private static NamespaceSnapshot startingTree(EditSession session) throws NamespaceException {
    NamespaceSnapshot s = NamespaceSnapshot.empty();
    s = MutationApplier.apply(s, new Mkdir(path("/dir"), false, "u", 0755, 1, 1), session);
    return MutationApplier.apply(s, new CreateFile(path("/file"), "u", 0644, 2, 2), session);
  }

  private static Inode applyCreation(NamespaceSnapshot s, byte[] entry, EditSession session) {
    EntryDecoder decoder = new EntryDecoder(new SharedStrings());
    assertTrue(decoder.decodeCreation(ByteBuffer.wrap(entry)));
    return MutationApplier.applyCreation(s.root(), s.nextInodeId(), decoder.creation(),
        new Inode[decoder.creation().depth], session);
  }

  @Test
  void leavesThePublishedTreeItStartedFromUnchanged() throws Exception {
    NamespaceSnapshot start = NamespaceSnapshot.empty();
    for (int i = 0; i < 50; i++) {
      start = MutationApplier.apply(start,
          new Mkdir(path("/d" + (i % 5) + "/e" + i), true, "u", 0755, i, start.nextInodeId()));
    }
    List<String> before = Listing.of(start);
    EditSession session = new EditSession();
    NamespaceSnapshot s = start;
    s = MutationApplier.apply(s, new Delete(path("/d0"), true, 100), session);
    s = MutationApplier.apply(s, new Rename(path("/d1"), path("/d2/moved"), 101), session);
    s = MutationApplier.apply(s, new SetAttributes(path("/d3/e3"), "v", 0700, 7L), session);
    s = MutationApplier.apply(s, new Mkdir(path("/d4/e4/x"), false, "u", 0755, 102,
        s.nextInodeId()), session);
    assertEquals(before, Listing.of(start));
    session.freeze(s.root());
    assertEquals(before, Listing.of(start));
  }

  @Test
  void aDirectoryInsideASessionHidesItsChildrenUntilFrozen() throws Exception {
    EditSession session = new EditSession();
    NamespaceSnapshot s = MutationApplier.apply(NamespaceSnapshot.empty(),
        new Mkdir(path("/a"), false, "u", 0755, 1, 1), session);
    Inode building = s.root();
    assertEquals(2, building.subtreeSize());
    assertNotNull(building.child("a"));
    assertThrows(IllegalStateException.class, building::children);
    Inode frozen = session.freeze(building);
    assertEquals(List.of("a"), frozen.children().names());
  }

  @Test
  void aFrozenSessionRefusesFurtherChanges() throws Exception {
    EditSession session = new EditSession();
    NamespaceSnapshot s = MutationApplier.apply(NamespaceSnapshot.empty(),
        new Mkdir(path("/a"), false, "u", 0755, 1, 1), session);
    session.freeze(s.root());
    Mutation next = new Mkdir(path("/b"), false, "u", 0755, 2, 2);
    assertThrows(IllegalStateException.class, () -> MutationApplier.apply(s, next, session));
    assertThrows(IllegalStateException.class, () -> session.freeze(s.root()));
  }

  @Test
  void aSessionRefusesADirectoryAnotherSessionIsBuilding() throws Exception {
    NamespaceSnapshot s = MutationApplier.apply(NamespaceSnapshot.empty(),
        new Mkdir(path("/a"), false, "u", 0755, 1, 1), new EditSession());
    Mutation next = new Mkdir(path("/b"), false, "u", 0755, 2, 2);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> MutationApplier.apply(s, next, new EditSession()));
    assertTrue(Objects.requireNonNull(e.getMessage()).contains("another edit session"));
  }
}
