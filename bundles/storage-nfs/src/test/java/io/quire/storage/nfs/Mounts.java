package io.quire.storage.nfs;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The NFS mounts a test opens, one per "master", so that another master is another client as
 * it is across machines; all closed after the test.
 */
final class Mounts implements AutoCloseable {
  private final List<NfsMount> mounts = new ArrayList<>();

  /** The folder as one master sees it, through a mount of its own. */
  NfsJournalStorage master(URI folder) throws IOException {
    return master(folder, NfsSettings.CALL_TIMEOUT);
  }

  NfsJournalStorage master(URI folder, Duration callTimeout) throws IOException {
    NfsMount mount = new NfsMount(NfsLocation.parse(folder),
        NfsSettings.ofThisProcess(callTimeout));
    mounts.add(mount);
    return new NfsJournalStorage(mount);
  }

  @Override
  public void close() {
    for (NfsMount mount : mounts) {
      mount.close();
    }
    mounts.clear();
  }
}
