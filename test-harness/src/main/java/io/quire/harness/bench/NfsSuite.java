package io.quire.harness.bench;

import io.quire.harness.QuireHome;
import io.quire.harness.nfs.NfsServerProcess;
import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import io.quire.storage.nfs.NfsFolders;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * {@code bench --nfs}: the journal on a real NFS server (nfs-ganesha, NFSv3 on 127.0.0.1, started
 * for the run by {@code test-harness/scripts/nfs-server.sh}), reached through the NFS storage's
 * own client as a master reaches an {@code nfs://} folder. The storage's own figure first, as the
 * yardstick: one thread's 64-byte append + sync (a WRITE and a COMMIT) per second; then durable
 * appends at each writer count, and the replay rate.
 */
final class NfsSuite {
  private final PrintStream out;
  private final Path root;
  private final QuireHome home;
  private final double seconds;

  NfsSuite(PrintStream out, Path root, QuireHome home, double seconds) {
    this.out = out;
    this.root = root;
    this.home = home;
    this.seconds = seconds;
  }

  int run(int[] writers, long replayEntries) throws Exception {
    StorageRuns runs = new StorageRuns(out, seconds);
    try (NfsServerProcess server = NfsServerProcess.start(home, BenchCommand.fresh(root, "nfs"));
        NfsFolders folders = NfsFolders.open()) {
      runs.header(root, "--nfs", writers, replayEntries, "NFS: nfs-ganesha (NFSv3, VFS backend) "
          + "on 127.0.0.1, export " + server.export());
      JournalStorage sync = folders.open(URI.create(server.folder("sync")));
      sync.createFolder();
      ByteBuffer bytes = ByteBuffer.allocate(64);
      try (AppendableFile file = sync.create("sync.tmp")) {
        runs.yardstick("NFS: 64-byte append + sync (WRITE + COMMIT), 1 thread", () -> {
          file.append(bytes.clear());
          file.sync();
        });
      }
      runs.journal("NFS", name -> folders.open(URI.create(server.folder(name))), writers,
          replayEntries);
    }
    return 0;
  }
}
