package io.quire.storage.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import io.quire.nfsclient.NfsConnections;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The NFS storage against a real NFSv3 server (nfs-ganesha, one per class) through the Java
 * client. Each test works in a folder of its own; "another master" is another mount. What the
 * server holds is checked on the server's own disk too.
 */
@Timeout(300) // a hung NFS call must fail the test, not the build
class NfsJournalStorageTest {
  @RegisterExtension
  static final NfsServer SERVER = new NfsServer();

  private final Mounts mounts = new Mounts();
  private String folderName;
  private URI folder;

  @BeforeEach
  void folder(TestInfo test) {
    folderName = test.getTestMethod().orElseThrow().getName();
    folder = SERVER.folder("quire/" + folderName);
  }

  @AfterEach
  void closeMounts() {
    mounts.close();
  }

  private NfsJournalStorage master() throws IOException {
    return mounts.master(folder);
  }

  /** The folder's file {@code name} as the server's disk holds it. */
  private Path onServer(String name) {
    return SERVER.backing().resolve("quire").resolve(folderName).resolve(name);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] read(JournalStorage storage, String name, long offset) throws IOException {
    try (InputStream in = storage.openRead(name, offset)) {
      return in.readAllBytes();
    }
  }

  @Test
  void filesAreCreatedAppendedSyncedRenamedCutAndDeleted() throws Exception {
    NfsJournalStorage storage = master();
    assertFalse(storage.folderExists());
    assertEquals(List.of(), storage.list());
    assertFalse(storage.exists("a"));
    storage.createFolder();
    assertTrue(storage.folderExists());
    assertTrue(Files.isDirectory(onServer("")), "the folder is made inside the export");
    storage.createFolder(); // again: nothing to do

    try (AppendableFile file = storage.create("a.tmp")) {
      file.append(ByteBuffer.wrap(bytes("hello ")));
      file.append(ByteBuffer.allocateDirect(5).put(bytes("world")).flip());
      file.flush();
      file.sync();
      assertEquals(11, file.position());
    }
    assertArrayEquals(bytes("hello world"), Files.readAllBytes(onServer("a.tmp")));
    storage.rename("a.tmp", "a");
    assertEquals(List.of("a"), storage.list());
    assertTrue(storage.exists("a"));
    assertFalse(storage.exists("a.tmp"));
    assertEquals(11, storage.size("a"));
    assertArrayEquals(bytes("world"), read(storage, "a", 6));
    assertArrayEquals(new byte[0], read(storage, "a", 11));

    try (AppendableFile file = storage.openForAppend("a")) {
      assertEquals(11, file.position());
      file.append(ByteBuffer.wrap(bytes("!|torn")));
      file.sync();
    }
    storage.truncate("a", 12);
    assertArrayEquals(bytes("hello world!"), storage.readFully("a"));
    assertEquals(12, Files.size(onServer("a")));

    storage.writeAtomically("b", bytes("first"));
    storage.writeAtomically("b", bytes("second"));
    assertArrayEquals(bytes("second"), storage.readFully("b"));
    storage.rename("b", "a");
    assertArrayEquals(bytes("second"), storage.readFully("a"), "rename replaces its target");
    assertEquals(List.of("a"), storage.list());

    storage.delete("a");
    storage.delete("a"); // deleting a missing file is no error
    assertEquals(List.of(), storage.list());
    assertFalse(Files.exists(onServer("a")));
    assertEquals(11 + 6 + 5 + 6, storage.stats().bytesWritten());
    assertTrue(storage.stats().syncs() >= 4);
    assertTrue(storage.stats().healthy());
  }

  /**
   * What fences a paused old master's last write on NFS: once a new master has detached the
   * file's writers (written it anew under the same name: temporary, renamed over it), the old
   * master's open file no longer reaches the file under that name, whatever its write does.
   */
  @Test
  void aFileWrittenAnewUnderItsNameIsOutOfReachOfItsOldWriter() throws Exception {
    NfsJournalStorage oldMaster = master();
    oldMaster.createFolder();
    AppendableFile held = oldMaster.create("log-0000000000000000001.qlog.open");
    held.append(ByteBuffer.wrap(bytes("acknowledged entries")));
    held.sync();
    NfsJournalStorage newMaster = mounts.master(folder);

    newMaster.detachWriters("log-0000000000000000001.qlog.open");
    try {
      held.append(ByteBuffer.wrap(bytes(" and a late write")));
      held.sync();
    } catch (IOException stale) {
      // NFS3ERR_STALE: the old file is gone; the other possible outcome is a write to it
    }

    assertArrayEquals(bytes("acknowledged entries"),
        newMaster.readFully("log-0000000000000000001.qlog.open"));
    assertArrayEquals(bytes("acknowledged entries"),
        Files.readAllBytes(onServer("log-0000000000000000001.qlog.open")));
  }

  @Test
  void largeAppendsAndReadsCrossManyNfsTransfers() throws Exception {
    NfsJournalStorage storage = master();
    storage.createFolder();
    byte[] data = new byte[3 << 20];
    new Random(7).nextBytes(data);
    try (AppendableFile file = storage.create("big")) {
      file.append(ByteBuffer.wrap(data, 0, 1 << 20));
      file.append(ByteBuffer.wrap(data, 1 << 20, data.length - (1 << 20)));
      file.sync();
    }
    assertArrayEquals(data, Files.readAllBytes(onServer("big")));
    assertArrayEquals(data, storage.readFully("big"));
    byte[] tail = read(storage, "big", data.length - 100_000);
    assertArrayEquals(java.util.Arrays.copyOfRange(data, data.length - 100_000, data.length), tail);
  }

  @Test
  void listingsSpanManyReaddirReplies() throws Exception {
    NfsJournalStorage storage = master();
    storage.createFolder();
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String name = String.format("log-%020d.qlog", i);
      storage.create(name).close();
      names.add(name);
    }
    assertEquals(names, storage.list().stream().sorted().toList());
  }

  @Test
  void existingAndMissingNamesAreTheJdkExceptions() throws Exception {
    NfsJournalStorage storage = master();
    storage.createFolder();
    storage.create("x").close();
    assertThrows(FileAlreadyExistsException.class, () -> storage.create("x"));
    assertThrows(NoSuchFileException.class, () -> storage.openRead("missing", 0));
    assertThrows(NoSuchFileException.class, () -> storage.size("missing"));
    assertThrows(NoSuchFileException.class, () -> storage.openForAppend("missing"));
    assertThrows(NoSuchFileException.class, () -> storage.rename("missing", "y"));
    assertThrows(IllegalArgumentException.class, () -> storage.create("../escape"));
    assertTrue(storage.tryLock("x").isEmpty(), "NFS offers no lock the journal could trust");
    assertTrue(storage.stats().healthy(), "an answer about a name is no failure of the storage");
  }

  @Test
  void anotherMasterSeesTheSizeTheFirstSynced() throws Exception {
    NfsJournalStorage writer = master();
    writer.createFolder();
    NfsJournalStorage follower = master();
    try (AppendableFile file = writer.create("log")) {
      assertEquals(0, follower.size("log"));
      file.append(ByteBuffer.wrap(bytes("one ")));
      file.sync();
      assertEquals(4, follower.size("log"));
      file.append(ByteBuffer.wrap(bytes("two")));
      file.sync();
      assertEquals(7, follower.size("log"), "sizes are asked of the server, never cached");
      assertArrayEquals(bytes("one two"), read(follower, "log", 0));
    }
  }

  @Test
  void closingAMountClosesTheConnectionsToItsServerAndLaterMountsReconnect() throws Exception {
    NfsJournalStorage storage = master();
    storage.createFolder();
    storage.writeAtomically("a", bytes("a"));
    mounts.close();
    assertEquals(0, NfsConnections.closeAll(SERVER.export().getHost()),
        "no connection to the server is left open");
    assertThrows(IOException.class, () -> storage.exists("a"), "a closed mount makes no calls");
    assertArrayEquals(bytes("a"), master().readFully("a"));
  }

  @Test
  void aFolderDeepInsideTheExportIsMadeThere() throws Exception {
    folder = SERVER.folder("quire/" + folderName + "/deeper/journal");
    NfsJournalStorage storage = master();
    storage.createFolder();
    storage.writeAtomically("marker", bytes("m"));
    assertArrayEquals(bytes("m"), Files.readAllBytes(onServer("deeper/journal/marker")));
    assertEquals(URI.create(SERVER.export() + "/quire/" + folderName + "/deeper/journal"),
        storage.uri());
  }

  @Test
  void aServerRestartBetweenWritesAndTheirCommitFailsTheSync() throws Exception {
    NfsJournalStorage storage = mounts.master(folder, Duration.ofSeconds(60));
    storage.createFolder();
    try (AppendableFile file = storage.create("log")) {
      file.append(ByteBuffer.wrap(bytes("durable|")));
      file.sync();
      file.append(ByteBuffer.wrap(bytes("unstable")));
      SERVER.stop();
      SERVER.start();
      IOException e = assertThrows(IOException.class, file::sync);
      assertTrue(e.getMessage().contains("restarted"), e::getMessage);
    }
  }

  @Test
  void callsFailWithinTheCallTimeoutWhileTheServerIsAwayAndWorkAgainAfter() throws Exception {
    NfsJournalStorage storage = mounts.master(folder, Duration.ofSeconds(2));
    storage.createFolder();
    storage.writeAtomically("a", bytes("a"));
    SERVER.stop();
    try {
      IOException e = assertThrows(IOException.class, () -> storage.size("a"));
      assertTrue(e.getMessage().contains("call timeout"), e::getMessage);
      assertFalse(storage.stats().healthy());
    } finally {
      SERVER.start();
    }
    assertEquals(1, storage.size("a"));
    assertTrue(storage.stats().healthy());
  }
}
