package io.quire.storage.nfs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalFolder;
import io.quire.journal.StorageUnavailableException;
import io.quire.journal.internal.SegmentedJournal;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The journal on a real NFS server that is stopped and started again while writers write (a
 * server of its own, so that no other test sees the outages). Writes wait through an outage
 * shorter than the storage timeout, fail with {@link StorageUnavailableException} after a longer
 * one, and the journal resumes by itself; a restart replays exactly what was acknowledged. The
 * server's restart also changes its write verifier, so unstable writes in flight are found out
 * and written again.
 */
@Timeout(300)
class NfsOutageTest {
  @RegisterExtension
  static final NfsServer SERVER = new NfsServer();

  /** Short, so that a storage call gives up quickly and the journal's own retrying is tested. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  private final Mounts mounts = new Mounts();

  @AfterEach
  void closeMounts() {
    mounts.close();
  }

  private static URI folder(TestInfo test) {
    return SERVER.folder("quire/" + test.getTestMethod().orElseThrow().getName());
  }

  private NfsJournalStorage master(URI folder) throws IOException {
    return mounts.master(folder, CALL_TIMEOUT);
  }

  private static SegmentedJournal journal(NfsJournalStorage storage, Duration timeout) {
    return new SegmentedJournal(storage, new SegmentedJournal.Options(4096, 10_000, 1 << 20,
        timeout.toMillis()), Clock.systemUTC());
  }

  @Test
  void writesWaitThroughAServerRestartAndNothingAcknowledgedIsLost(TestInfo test)
      throws Exception {
    URI folder = folder(test);
    JournalFolder.format(master(folder), Clock.systemUTC());
    NfsJournalStorage storage = master(folder);
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    try (SegmentedJournal journal = journal(storage, Duration.ofSeconds(120))) {
      journal.recover((seq, entry) -> { });
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          for (int i = 0; writing.get(); i++) {
            String text = "w" + writer + "-" + i;
            journal.awaitDurable(journal.append(bytes(text)));
            acknowledged.add(text);
          }
          return null;
        }));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 200);
      SERVER.stop();
      try {
        // the writers' storage calls fail now, each after the call timeout; the journal holds
        // their entries and retries. The server stays away for longer than a call may retry.
        await().pollDelay(CALL_TIMEOUT.multipliedBy(2)).atMost(Duration.ofSeconds(60))
            .until(() -> !storage.stats().healthy());
      } finally {
        SERVER.start();
      }
      int afterOutage = acknowledged.size();
      await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= afterOutage + 300);
      writing.set(false);
      for (Future<?> f : writers) {
        f.get(120, TimeUnit.SECONDS); // no writer saw an error
      }
      pool.shutdown();
      assertTrue(storage.stats().healthy());
    }
    assertEquals(sorted(new ArrayList<>(acknowledged)), sorted(replay(folder)));
  }

  @Test
  void anOutageLongerThanTheTimeoutFailsWritesAndTheJournalResumesAfterIt(TestInfo test)
      throws Exception {
    URI folder = folder(test);
    JournalFolder.format(master(folder), Clock.systemUTC());
    List<String> expected = new ArrayList<>(List.of("before", "during"));
    try (SegmentedJournal journal = journal(master(folder), Duration.ofSeconds(3))) {
      journal.recover((seq, entry) -> { });
      journal.awaitDurable(journal.append(bytes("before")));
      SERVER.stop();
      long during;
      try {
        during = journal.append(bytes("during"));
        StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
            () -> journal.awaitDurable(during));
        assertTrue(e.getMessage().contains("journal storage"), e::getMessage);
        // appends are buffered until the outage is older than the timeout, then refused
        await().atMost(Duration.ofSeconds(30)).until(() -> {
          try {
            journal.append(bytes("held"));
            expected.add("held");
            return false;
          } catch (StorageUnavailableException refused) {
            return true;
          }
        });
      } finally {
        SERVER.start();
      }
      await().atMost(Duration.ofSeconds(120))
          .ignoreExceptionsInstanceOf(StorageUnavailableException.class)
          .untilAsserted(() -> journal.awaitDurable(during));
      journal.awaitDurable(journal.append(bytes("after")));
      expected.add("after");
    }
    assertEquals(expected, replay(folder));
  }

  private List<String> replay(URI folder) throws IOException {
    List<String> replayed = new ArrayList<>();
    try (SegmentedJournal journal = journal(master(folder), Duration.ofSeconds(60))) {
      journal.recover((seq, entry) -> replayed.add(text(entry)));
    }
    return replayed;
  }

  static String text(ByteBuffer entry) {
    byte[] b = new byte[entry.remaining()];
    entry.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static List<String> sorted(List<String> texts) {
    return texts.stream().sorted().toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
