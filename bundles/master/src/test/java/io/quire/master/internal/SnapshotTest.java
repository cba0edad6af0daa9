package io.quire.master.internal;

import static io.quire.master.internal.Listing.path;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  @Test
  void aSnapshotStaysUnchangedWhileMutationsGoOn() throws Exception {
    Namespace ns = new Namespace(new MemoryJournal(), Clock.systemUTC());
    ns.recover();
    for (int i = 0; i < 200; i++) {
      ns.mkdir(path("/d" + (i % 10) + "/sub" + i), true, "u", 0755);
      ns.createFile(path("/d" + (i % 10) + "/sub" + i + "/f"), "u", 0644);
    }
    NamespaceSnapshot snapshot = ns.snapshot();
    List<String> before = Listing.of(snapshot);

    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> writes = writer.submit(() -> {
        ns.delete(path("/d0"), true);
        ns.rename(path("/d1"), path("/moved"));
        ns.setAttributes(path("/d2/sub2"), "other", 0700, 5L);
        return RandomOperations.run(ns, new Random(7), 20_000);
      });
      while (!writes.isDone()) {
        assertEquals(before, Listing.of(snapshot)); // walked while the writer runs
      }
      assertTrue(writes.get() > 0);
    } finally {
      writer.shutdownNow();
    }
    assertEquals(before, Listing.of(snapshot));
    assertNotEquals(before, Listing.of(ns.snapshot()));
    assertEquals(before.size() - 1, snapshot.inodeCount());
  }
}
