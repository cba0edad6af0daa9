package io.quire.storage.hdfs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalFolder;
import io.quire.journal.StorageUnavailableException;
import io.quire.journal.internal.SegmentedJournal;
import java.io.File;
import java.io.IOException;
import java.net.URI;
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
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The journal on a real HDFS whose DataNode and NameNode are stopped and restarted while
 * writers write (a MiniDFSCluster of its own, so that no other test sees the restarts). Writes
 * wait through an outage shorter than the storage timeout, fail with
 * {@link StorageUnavailableException} after a longer one, and the journal resumes by itself; a
 * restart replays exactly what was acknowledged.
 */
class HdfsOutageTest {
  private static MiniDFSCluster cluster;
  private final MasterClients clients = new MasterClients();

  @BeforeAll
  static void startHdfs() throws IOException {
    File base = new File("target/minidfs-outage-" + ProcessHandle.current().pid());
    cluster = new MiniDFSCluster.Builder(HdfsJournalStorageTest.clientConf(), base)
        .numDataNodes(1).build();
    cluster.waitActive();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private URI folder(TestInfo test) {
    return URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/quire/"
        + test.getTestMethod().orElseThrow().getName());
  }

  private HdfsJournalStorage master(URI folder) throws IOException {
    return clients.master(folder);
  }

  private static SegmentedJournal journal(HdfsJournalStorage storage, Duration timeout) {
    return new SegmentedJournal(storage, new SegmentedJournal.Options(4096, 10_000, 1 << 20,
        timeout.toMillis()), Clock.systemUTC());
  }

  @Test
  void writesWaitThroughADataNodeRestartAndNothingAcknowledgedIsLost(TestInfo test) throws Exception {
    URI folder = folder(test);
    JournalFolder.format(master(folder), Clock.systemUTC());
    List<String> acknowledged = writeThrough(folder, () -> {
      MiniDFSCluster.DataNodeProperties stopped = cluster.stopDataNode(0);
      Thread.sleep(1_000); // writers meet a dead pipeline, then find no DataNode at all
      cluster.restartDataNode(stopped, true);
      cluster.waitActive();
    });
    assertEquals(sorted(acknowledged), sorted(replay(folder)));
  }

  @Test
  void writesWaitThroughANameNodeRestartAndNothingAcknowledgedIsLost(TestInfo test) throws Exception {
    URI folder = folder(test);
    JournalFolder.format(master(folder), Clock.systemUTC());
    List<String> acknowledged = writeThrough(folder, () -> cluster.restartNameNode(true));
    assertEquals(sorted(acknowledged), sorted(replay(folder)));
  }

  @Test
  void anOutageLongerThanTheTimeoutFailsWritesAndTheJournalResumesAfterIt(TestInfo test)
      throws Exception {
    URI folder = folder(test);
    JournalFolder.format(master(folder), Clock.systemUTC());
    try (SegmentedJournal journal = journal(master(folder), Duration.ofSeconds(2))) {
      journal.recover((seq, entry) -> { });
      journal.awaitDurable(journal.append(bytes("before")));
      MiniDFSCluster.DataNodeProperties stopped = cluster.stopDataNode(0);
      long during;
      try {
        during = journal.append(bytes("during"));
        StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
            () -> journal.awaitDurable(during));
        assertTrue(e.getMessage().contains("journal storage"), e::getMessage);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThrows(
            StorageUnavailableException.class, () -> journal.append(bytes("refused"))));
      } finally {
        cluster.restartDataNode(stopped, true);
        cluster.waitActive();
      }
      await().atMost(Duration.ofSeconds(120)).ignoreExceptionsInstanceOf(StorageUnavailableException.class)
          .untilAsserted(() -> journal.awaitDurable(during));
      journal.awaitDurable(journal.append(bytes("after")));
    }
    assertEquals(List.of("before", "during", "after"), replay(folder));
  }

  /** Four writers write through {@code outage}, which runs a second after they start. */
  private List<String> writeThrough(URI folder, Outage outage) throws Exception {
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    try (SegmentedJournal journal = journal(master(folder), Duration.ofSeconds(90))) {
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
      await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 100);
      outage.run();
      int afterOutage = acknowledged.size();
      await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= afterOutage + 200);
      writing.set(false);
      for (Future<?> f : writers) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }
    return new ArrayList<>(acknowledged);
  }

  @FunctionalInterface
  private interface Outage {
    void run() throws Exception;
  }

  private List<String> replay(URI folder) throws IOException {
    List<String> replayed = new ArrayList<>();
    try (SegmentedJournal journal = journal(master(folder), Duration.ofSeconds(60))) {
      journal.recover((seq, entry) -> {
        byte[] b = new byte[entry.remaining()];
        entry.get(b);
        replayed.add(new String(b, StandardCharsets.UTF_8));
      });
    }
    return replayed;
  }

  private static List<String> sorted(List<String> texts) {
    return texts.stream().sorted().toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
