package io.quire.storage.nfs;

import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A journal folder in an NFS mount the operator made (a local path, with
 * {@code quire.journal.storage=nfs}): local file calls, with what an NFS mount needs on top.
 *
 * <ul>
 *   <li>{@code sync} is {@code fdatasync}, which on an NFS mount writes the dirty pages and
 *       sends a COMMIT (the kernel client checks the write verifier and resends what a restarted
 *       server lost); creating, renaming and deleting are synchronous NFS calls.</li>
 *   <li>No OS lock: {@link #tryLock} offers none, since a lock on an NFS mount is not exclusive
 *       across clients unless every client and the server run NLM (and a mount with
 *       {@code nolock} grants every lock locally). The journal's holder record is what keeps
 *       a second master out.</li>
 *   <li>Sizes are read by opening the file: the kernel client revalidates a file's attributes
 *       with the server on open (close-to-open consistency), while a plain {@code stat} may
 *       answer from its attribute cache for up to {@code acregmax} seconds, which would show a
 *       follower a size the writer has long passed.</li>
 * </ul>
 * Mount options are in {@code docs/storage.md} (NFS).
 */
public class MountedNfsJournalStorage extends LocalJournalStorage {

  public MountedNfsJournalStorage(Path folder) {
    super(folder, "nfs");
  }

  @Override
  public long size(String name) throws IOException {
    try (FileChannel file = FileChannel.open(resolve(name), StandardOpenOption.READ)) {
      return file.size();
    }
  }

  @Override
  public Optional<AutoCloseable> tryLock(String name) {
    return Optional.empty();
  }
}
