package io.quire.storage.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.storage.AppendableFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mounted mode's own behaviour, on a local folder (the machines that run the tests have no
 * NFS client in their kernel, so no real mount): it is the local storage with type {@code nfs},
 * no lock, and sizes read by opening the file.
 */
class MountedNfsJournalStorageTest {

  @Test
  void isTheLocalStorageNamedNfsWithoutLocks(@TempDir Path folder) throws Exception {
    MountedNfsJournalStorage storage = new MountedNfsJournalStorage(folder.resolve("journal"));
    storage.createFolder();
    assertEquals("nfs", storage.type());
    assertEquals(folder.resolve("journal").toUri(), storage.uri());
    try (AppendableFile file = storage.create("log")) {
      file.append(ByteBuffer.wrap("one ".getBytes(StandardCharsets.UTF_8)));
      file.sync();
      assertEquals(4, storage.size("log"));
      file.append(ByteBuffer.wrap("two".getBytes(StandardCharsets.UTF_8)));
      file.sync();
      assertEquals(7, storage.size("log"));
    }
    assertArrayEquals("one two".getBytes(StandardCharsets.UTF_8), storage.readFully("log"));
    assertTrue(storage.tryLock("quire-master.lock").isEmpty(),
        "a lock on an NFS mount is not exclusive across clients: none is offered");
    assertThrows(NoSuchFileException.class, () -> storage.size("missing"));
    assertThrows(IllegalArgumentException.class, () -> storage.size("../escape"));
  }
}
