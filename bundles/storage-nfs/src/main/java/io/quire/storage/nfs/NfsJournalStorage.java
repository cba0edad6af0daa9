package io.quire.storage.nfs;

import com.emc.ecs.nfsclient.nfs.NfsCreateMode;
import com.emc.ecs.nfsclient.nfs.NfsDirectoryEntry;
import com.emc.ecs.nfsclient.nfs.NfsGetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsSetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsStatus;
import com.emc.ecs.nfsclient.nfs.NfsTime;
import com.emc.ecs.nfsclient.nfs.NfsType;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3CreateResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3GetAttrResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3LookupResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3MkdirResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3ReaddirResponse;
import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.StorageStats;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal folder on an NFSv3 server, spoken to directly ({@code nfs://host/export/dir}).
 *
 * <ul>
 *   <li><b>Durability.</b> Appends go out at once as UNSTABLE WRITEs; {@code sync} is a COMMIT.
 *       The server's write verifier of the writes must equal the COMMIT's: a different one means
 *       the server restarted in between and may have lost unstable data, so {@code sync} fails
 *       and the journal cuts the file back and writes the batch again (see {@link NfsFile}).
 *       CREATE, MKDIR, RENAME and REMOVE are synchronous in NFSv3: RFC 1813 has the server
 *       commit the change to stable storage before it replies, so every listing change is
 *       durable when its call returns. A cut is a SETATTR of the size, then a COMMIT.</li>
 *   <li><b>Sizes</b> are a GETATTR answered by the server on every call; this client keeps no
 *       attribute cache, so a follower reading another master's log never sees a stale size.</li>
 *   <li><b>Exclusivity</b> rests on the journal's holder record, never on locks:
 *       {@link #tryLock} offers none (NFSv3 locking is a separate protocol, NLM, that this client
 *       does not speak and many servers do not run).</li>
 *   <li><b>Lost replies.</b> A call retried after a transport failure may meet its own first try's
 *       effect: a REMOVE finds nothing (fine: the file is gone), a RENAME finds its source gone
 *       and its target there (done), a GUARDED CREATE finds the name taken, and the file is this
 *       call's own when it carries the call's creation token (a random modification time set by
 *       the CREATE, replaced by the server's time right after).</li>
 *   <li><b>Bounded waits.</b> Every call fails with an {@link IOException} within the call
 *       timeout (see {@link NfsMount}); the journal retries.</li>
 * </ul>
 */
public final class NfsJournalStorage implements JournalStorage {

  private static final Logger LOG = LoggerFactory.getLogger(NfsJournalStorage.class);
  static final long FILE_MODE = 0644;
  static final long FOLDER_MODE = 0755;
  private static final int READDIR_BYTES = 32 << 10;

  private final NfsMount mount;
  private final LongAdder bytesWritten = new LongAdder();
  private final LongAdder syncs = new LongAdder();
  private volatile boolean healthy = true;
  /** The folder's handle once looked up (NFSv3 handles outlive server restarts). */
  private volatile byte[] folderHandle;

  /** @param mount the server's export holding the folder (its owner closes it) */
  public NfsJournalStorage(NfsMount mount) {
    this.mount = mount;
  }

  @Override
  public String type() {
    return "nfs";
  }

  /**
   * Writes the file anew under its own name (temporary, synced, renamed over it): a writer that
   * had it open holds the replaced file's handle, so its late write fails with NFS3ERR_STALE or
   * lands in the unlinked file, never in the one under this name. NFS itself offers no lock or
   * lease that would keep that writer out. A crash leaves the old file or the identical new one.
   */
  @Override
  public void detachWriters(String name) throws IOException {
    byte[] content = readFully(name);
    writeAtomically(name, content);
    LOG.info("Wrote {} anew in {} ({} bytes): a previous writer may still have the old one open",
        name, uri(), content.length);
  }

  @Override
  public URI uri() {
    return mount.location().uri();
  }

  @Override
  public List<String> list() throws IOException {
    return io(() -> {
      byte[] folder;
      try {
        folder = folder();
      } catch (NoSuchFileException e) {
        return List.<String>of();
      }
      return mount.call("READDIR " + uri(), (nfs, retried) -> readAll(nfs, folder));
    });
  }

  private static List<String> readAll(Nfs3 nfs, byte[] folder) throws IOException {
    List<String> names = new ArrayList<>();
    long cookie = 0;
    long cookieVerifier = 0;
    while (true) {
      Nfs3ReaddirResponse page = nfs.getReaddir(
          nfs.makeReaddirRequest(folder, cookie, cookieVerifier, READDIR_BYTES));
      NfsStatusException.check(page, "READDIR", "the journal folder");
      for (NfsDirectoryEntry entry : page.getEntries()) {
        String name = entry.getFileName();
        if (!name.equals(".") && !name.equals("..")) {
          names.add(name);
        }
        cookie = entry.getCookie();
      }
      cookieVerifier = page.getCookieverf();
      if (page.isEof() || page.getEntries().isEmpty()) {
        return names;
      }
    }
  }

  @Override
  public boolean folderExists() throws IOException {
    return io(() -> {
      try {
        byte[] folder = folder();
        return attributes(folder, "the journal folder").getType() == NfsType.NFS_DIR;
      } catch (NoSuchFileException e) {
        return false;
      }
    });
  }

  @Override
  public void createFolder() throws IOException {
    io(() -> walkToFolder(true));
  }

  private byte[] lookupOrMakeFolder(byte[] parent, String name) throws IOException {
    try {
      return lookup(parent, name);
    } catch (NoSuchFileException missing) {
      NfsSetAttributes attributes = new NfsSetAttributes();
      attributes.setMode(FOLDER_MODE);
      try {
        return mount.call("MKDIR " + name, (nfs, retried) -> {
          Nfs3MkdirResponse made = nfs.sendMkdir(nfs.makeMkdirRequest(parent, name, attributes));
          NfsStatusException.check(made, "MKDIR", name);
          return made.getFileHandle();
        });
      } catch (FileAlreadyExistsException raced) {
        return lookup(parent, name); // made meanwhile (or by a lost reply's first try)
      }
    }
  }

  @Override
  public long size(String name) throws IOException {
    return io(() -> attributes(lookup(folder(), JournalStorage.plainName(name)), name).getSize());
  }

  @Override
  public boolean exists(String name) throws IOException {
    String file = JournalStorage.plainName(name);
    return io(() -> {
      try {
        lookup(folder(), file);
        return true;
      } catch (NoSuchFileException e) {
        return false;
      }
    });
  }

  @Override
  public AppendableFile create(String name) throws IOException {
    String file = JournalStorage.plainName(name);
    return io(() -> new NfsFile(this, mount, file, createEmpty(file), 0));
  }

  /** A GUARDED CREATE that recognizes its own file after a lost reply (see the class notes). */
  private byte[] createEmpty(String name) throws IOException {
    byte[] folder = folder();
    long token = ThreadLocalRandom.current().nextLong(1L, 1L << 40); // millis before 2005
    NfsSetAttributes attributes = new NfsSetAttributes();
    attributes.setMode(FILE_MODE);
    attributes.setMtime(new NfsTime(token));
    byte[] handle = mount.call("CREATE " + name, (nfs, retried) -> {
      Nfs3CreateResponse created = nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.GUARDED,
          folder, name, attributes, null));
      if (retried && created.getState() == NfsStatus.NFS3ERR_EXIST.getValue()) {
        byte[] existing = lookup(folder, name);
        NfsGetAttributes found = attributes(existing, name);
        if (found.getMtime().getTimeInMillis() == token && found.getSize() == 0) {
          return existing; // this call's first try created it; its reply was lost
        }
      }
      NfsStatusException.check(created, "CREATE", name);
      byte[] made = created.getFileHandle();
      return made != null && made.length > 0 ? made : lookup(folder, name);
    });
    NfsSetAttributes now = new NfsSetAttributes();
    now.setMtime(NfsTime.SET_TO_CURRENT_ON_SERVER);
    now.setAtime(NfsTime.SET_TO_CURRENT_ON_SERVER);
    setAttributes(handle, name, now);
    return handle;
  }

  @Override
  public AppendableFile openForAppend(String name) throws IOException {
    String file = JournalStorage.plainName(name);
    return io(() -> {
      byte[] handle = lookup(folder(), file);
      return new NfsFile(this, mount, file, handle, attributes(handle, file).getSize());
    });
  }

  @Override
  public InputStream openRead(String name, long offset) throws IOException {
    String file = JournalStorage.plainName(name);
    return io(() -> new NfsInput(this, mount, file, lookup(folder(), file), offset));
  }

  @Override
  public void rename(String source, String target) throws IOException {
    String from = JournalStorage.plainName(source);
    String to = JournalStorage.plainName(target);
    io(() -> {
      byte[] folder = folder();
      return mount.call("RENAME " + from + " to " + to, (nfs, retried) -> {
        var renamed = nfs.sendRename(nfs.makeRenameRequest(folder, from, folder, to));
        if (retried && renamed.getState() == NfsStatus.NFS3ERR_NOENT.getValue()
            && !present(nfs, folder, from) && present(nfs, folder, to)) {
          return null; // the first try renamed it; its reply was lost
        }
        NfsStatusException.check(renamed, "RENAME to " + to, from);
        return null;
      });
    });
  }

  @Override
  public void delete(String name) throws IOException {
    String file = JournalStorage.plainName(name);
    io(() -> {
      byte[] folder;
      try {
        folder = folder();
      } catch (NoSuchFileException e) {
        return null;
      }
      return mount.call("REMOVE " + file, (nfs, retried) -> {
        var removed = nfs.sendRemove(nfs.makeRemoveRequest(folder, file));
        if (removed.getState() != NfsStatus.NFS3ERR_NOENT.getValue()) {
          NfsStatusException.check(removed, "REMOVE", file); // NOENT: gone already, or by a lost reply
        }
        return null;
      });
    });
  }

  @Override
  public void truncate(String name, long length) throws IOException {
    String file = JournalStorage.plainName(name);
    io(() -> {
      byte[] handle = lookup(folder(), file);
      NfsSetAttributes cut = new NfsSetAttributes();
      cut.setSize(length);
      setAttributes(handle, file, cut);
      NfsFile.commit(mount, handle, file); // the new length on stable storage, whatever SETATTR did
      return null;
    });
  }

  @Override
  public StorageStats stats() {
    return new StorageStats(bytesWritten.sum(), syncs.sum(), healthy);
  }

  void wrote(long bytes) {
    bytesWritten.add(bytes);
  }

  void synced() {
    syncs.increment();
  }

  /** The folder's handle, looked up from the export's root once. */
  private byte[] folder() throws IOException {
    byte[] known = folderHandle;
    return known != null ? known : walkToFolder(false);
  }

  /**
   * Looks the folder up from the export's root, part by part, making missing parts when
   * {@code make}, and keeps its handle.
   */
  private byte[] walkToFolder(boolean make) throws IOException {
    byte[] handle = mount.call("the export's root", (nfs, retried) -> nfs.getRootFileHandle());
    for (String part : mount.folderInExport()) {
      handle = make ? lookupOrMakeFolder(handle, part) : lookup(handle, part);
    }
    folderHandle = handle;
    return handle;
  }

  private byte[] lookup(byte[] folder, String name) throws IOException {
    return mount.call("LOOKUP " + name, (nfs, retried) -> {
      Nfs3LookupResponse found = nfs.getLookup(nfs.makeLookupRequest(folder, name));
      NfsStatusException.check(found, "LOOKUP", name);
      return found.getFileHandle();
    });
  }

  private static boolean present(Nfs3 nfs, byte[] folder, String name) throws IOException {
    Nfs3LookupResponse found = nfs.getLookup(nfs.makeLookupRequest(folder, name));
    return found.getState() == NfsStatus.NFS3_OK.getValue();
  }

  private NfsGetAttributes attributes(byte[] handle, String name) throws IOException {
    return mount.call("GETATTR " + name, (nfs, retried) -> {
      Nfs3GetAttrResponse got = nfs.getAttr(nfs.makeGetAttrRequest(handle));
      NfsStatusException.check(got, "GETATTR", name);
      return got.getAttributes();
    });
  }

  private void setAttributes(byte[] handle, String name, NfsSetAttributes changes)
      throws IOException {
    mount.call("SETATTR " + name, (nfs, retried) -> {
      var set = nfs.setAttr(nfs.makeSetAttrRequest(handle, changes, null));
      NfsStatusException.check(set, "SETATTR", name);
      return null;
    });
  }

  interface IoCall<T> {
    T call() throws IOException;
  }

  /**
   * Runs one storage call and keeps {@code healthy} current: an answer about a name is no ill
   * health; a stale folder handle (the folder was replaced) is looked up again next time.
   */
  <T> T io(IoCall<T> call) throws IOException {
    try {
      T result = call.call();
      healthy = true;
      return result;
    } catch (NoSuchFileException | FileAlreadyExistsException answer) {
      healthy = true;
      throw answer;
    } catch (NfsStatusException e) {
      if (e.is(NfsStatus.NFS3ERR_STALE) || e.is(NfsStatus.NFS3ERR_BADHANDLE)) {
        folderHandle = null;
      }
      healthy = false;
      throw e;
    } catch (IOException | RuntimeException e) {
      healthy = false;
      throw e;
    }
  }
}
