package io.quire.storage.nfs;

import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Any {@code nfs://host/export/dir} folder as a {@link JournalStorage}, each through a mount of
 * its own (closed with this object). Backups and restores use it inside the server; the command
 * line ({@code bin/quire format}, {@code journal verify|dump}) can load it by name and call
 * {@link #open()}.
 */
public final class NfsFolders implements FolderStorageFactory, Closeable {

  private final NfsSettings settings;
  private final List<NfsMount> mounts = new ArrayList<>();
  private boolean closed;

  public NfsFolders(NfsSettings settings) {
    this.settings = settings;
  }

  /** Folders with this process's identity and the default call timeout. */
  public static NfsFolders open() {
    return new NfsFolders(NfsSettings.ofThisProcess(NfsSettings.CALL_TIMEOUT));
  }

  @Override
  public JournalStorage open(URI folder) throws IOException {
    NfsMount mount = new NfsMount(NfsLocation.parse(folder), settings);
    synchronized (mounts) {
      if (closed) {
        throw new IOException("the NFS clients are closed; cannot open " + folder);
      }
      mounts.add(mount);
    }
    return new NfsJournalStorage(mount);
  }

  @Override
  public void close() {
    List<NfsMount> open;
    synchronized (mounts) {
      closed = true;
      open = new ArrayList<>(mounts);
      mounts.clear();
    }
    for (NfsMount mount : open) {
      mount.close();
    }
  }
}
