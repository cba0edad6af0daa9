package io.quire.storage.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.internal.SegmentedJournal;
import io.quire.journal.storage.AppendableFile;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The HDFS storage against a real HDFS: Hadoop's MiniDFSCluster (a NameNode and a DataNode in
 * this JVM), one per class. Each test works in its own folder, with HDFS clients of its own, so
 * "another master" is another client, as it is across machines.
 */
class HdfsJournalStorageTest {
  private static MiniDFSCluster cluster;

  private final MasterClients clients = new MasterClients();
  private URI folder;

  /**
   * A client's configuration for a one-datanode HDFS: files of one replica (with Hadoop's
   * default of three, appending to a recovered file asks for datanodes this cluster lacks).
   */
  static Configuration clientConf() {
    Configuration conf = new Configuration();
    conf.setInt("dfs.replication", 1);
    return conf;
  }

  @BeforeAll
  static void startHdfs() throws IOException {
    Configuration conf = clientConf();
    File base = new File("target/minidfs-" + ProcessHandle.current().pid());
    cluster = new MiniDFSCluster.Builder(conf, base).numDataNodes(1).build();
    cluster.waitActive();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  @BeforeEach
  void folder(TestInfo test) {
    folder = URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/quire/"
        + test.getTestMethod().orElseThrow().getName());
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  /** The folder as one master sees it: a client of its own. */
  private HdfsJournalStorage master() throws IOException {
    return clients.master(folder);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] read(HdfsJournalStorage storage, String name, long offset)
      throws IOException {
    try (InputStream in = storage.openRead(name, offset)) {
      return in.readAllBytes();
    }
  }

  @Test
  void filesAreCreatedAppendedRenamedAndDeleted() throws Exception {
    HdfsJournalStorage storage = master();
    assertFalse(storage.folderExists());
    assertEquals(List.of(), storage.list());
    storage.createFolder();
    assertTrue(storage.folderExists());
    try (AppendableFile file = storage.create("a.tmp")) {
      file.append(ByteBuffer.wrap(bytes("hello ")));
      file.append(ByteBuffer.allocateDirect(5).put(bytes("world")).flip());
      file.sync();
      assertEquals(11, file.position());
    }
    storage.rename("a.tmp", "a");
    assertEquals(List.of("a"), storage.list());
    assertEquals(11, storage.size("a"));
    assertArrayEquals(bytes("world"), read(storage, "a", 6));
    storage.writeAtomically("b", bytes("first"));
    storage.writeAtomically("b", bytes("second"));
    assertArrayEquals(bytes("second"), storage.readFully("b"));
    storage.rename("b", "a");
    assertArrayEquals(bytes("second"), storage.readFully("a"), "rename replaces its target");
    storage.delete("a");
    storage.delete("a");
    assertEquals(List.of(), storage.list());
    assertEquals(11 + 5 + 6, storage.stats().bytesWritten());
    assertTrue(storage.stats().syncs() >= 3);
    assertTrue(storage.stats().healthy());
  }

  @Test
  void existingAndMissingNamesAreTheJdkExceptions() throws Exception {
    HdfsJournalStorage storage = master();
    storage.createFolder();
    storage.create("x").close();
    assertThrows(FileAlreadyExistsException.class, () -> storage.create("x"));
    assertThrows(NoSuchFileException.class, () -> storage.openRead("missing", 0));
    assertThrows(NoSuchFileException.class, () -> storage.size("missing"));
    assertThrows(IllegalArgumentException.class, () -> storage.create("../escape"));
    assertTrue(storage.stats().healthy(), "an answer about a name is no failure of the storage");
  }

  @Test
  void anotherMasterSeesSyncedBytesOfAFileStillBeingWritten() throws Exception {
    HdfsJournalStorage writer = master();
    writer.createFolder();
    HdfsJournalStorage follower = master();
    try (AppendableFile file = writer.create("log")) {
      file.append(ByteBuffer.wrap(bytes("one ")));
      file.sync();
      assertEquals(4, follower.size("log"));
      file.append(ByteBuffer.wrap(bytes("two")));
      file.sync();
      assertEquals(7, follower.size("log"), "sizes are re-read, never cached");
      assertArrayEquals(bytes("one two"), read(follower, "log", 0));
    }
  }

  @Test
  void aTornTailIsCutInAFileAnotherMasterLeftOpen() throws Exception {
    HdfsJournalStorage dead = master();
    dead.createFolder();
    AppendableFile abandoned = dead.create("log");
    abandoned.append(ByteBuffer.wrap(bytes("whole entry|torn")));
    abandoned.sync();

    HdfsJournalStorage next = master();
    next.truncate("log", 12);
    assertEquals(12, next.size("log"));
    assertArrayEquals(bytes("whole entry|"), next.readFully("log"));
  }

  /**
   * A master that died while writing a small file whole left its temporary open under its
   * lease: creating that name again is "exists" (not an HDFS lease error), so the next master's
   * {@code writeAtomically} replaces it; so does this master's own, after a failed close.
   */
  @Test
  void aTemporaryAnotherMasterLeftOpenIsReplacedByTheNextWholeWrite() throws Exception {
    HdfsJournalStorage dead = master();
    dead.createFolder();
    AppendableFile abandoned = dead.create("holder.tmp");
    abandoned.append(ByteBuffer.wrap(bytes("half a rec")));
    abandoned.sync();

    HdfsJournalStorage next = master();
    assertThrows(FileAlreadyExistsException.class, () -> next.create("holder.tmp"));
    next.writeAtomically("holder", bytes("the next master's record"));
    assertArrayEquals(bytes("the next master's record"), next.readFully("holder"));
    assertEquals(List.of("holder"), next.list());

    AppendableFile own = next.create("marker.tmp");
    own.append(ByteBuffer.wrap(bytes("left open")));
    next.writeAtomically("marker", bytes("whole"));
    assertArrayEquals(bytes("whole"), next.readFully("marker"));
  }

  /**
   * A master process appends entries to a journal on HDFS and is killed with SIGKILL, its log
   * still open under its lease; the next master recovers the lease, replays every durable entry
   * and goes on numbering.
   */
  @Test
  void aJournalOnHdfsKeepsEveryDurableEntryWhenItsMasterIsKilled() throws Exception {
    Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        JournalWriterProcess.class.getName(), folder.toString(), "500")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine(); // the child's log lines come first
      } while (line != null && !line.startsWith("durable "));
      assertEquals("durable 500", line);
    } finally {
      writer.destroyForcibly();
      writer.waitFor();
    }

    HdfsJournalStorage next = master();
    List<String> replayed = new ArrayList<>();
    SegmentedJournal.Options options = new SegmentedJournal.Options(4096, 10_000, 1 << 20);
    try (SegmentedJournal journal = new SegmentedJournal(next, options, Clock.systemUTC())) {
      journal.recover((seq, entry) -> {
        byte[] b = new byte[entry.remaining()];
        entry.get(b);
        replayed.add(seq + " " + new String(b, StandardCharsets.UTF_8));
      });
      long after = journal.append(bytes("after takeover"));
      journal.awaitDurable(after);
      assertEquals(501, after);
    }
    assertEquals(500, replayed.size());
    assertEquals("1 entry 1", replayed.get(0));
    assertEquals("500 entry 500", replayed.get(499));
    assertTrue(next.list().stream().filter(n -> n.startsWith("log-")).count() > 1,
        "the 4 KB log size rolled: " + next.list());
  }
}
