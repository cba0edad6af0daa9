package io.quire.storage.nfs;

import com.emc.ecs.nfsclient.mount.MountException;
import com.emc.ecs.nfsclient.mount.MountStatus;
import com.emc.ecs.nfsclient.nfs.NfsException;
import com.emc.ecs.nfsclient.nfs.NfsFsInfo;
import com.emc.ecs.nfsclient.nfs.NfsStatus;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.rpc.CredentialUnix;
import com.emc.ecs.nfsclient.rpc.RpcException;
import com.emc.ecs.nfsclient.rpc.RpcStatus;
import io.quire.nfsclient.NfsConnections;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NFS server's export as this process mounts it through the MOUNT protocol (no kernel
 * involved), and the calls made to it.
 *
 * <p>Which part of the folder's path is the export: the longest leading part the server agrees
 * to mount, tried from the whole path down to {@code /}. The rest is the folder inside the
 * export (created by {@code createFolder} if missing).
 *
 * <p>Every exchange with the server is bounded by the client library's own limits: 10 s to
 * connect, 10 s for a reply (the portmapper and MOUNT calls of a new mount the same, two tries
 * each). {@link #call} retries an exchange that failed in transport (refused, broken, timed out,
 * or the server answered NFS3ERR_JUKEBOX) with back-off until {@link NfsSettings#callTimeout}
 * has passed, then fails with an {@link IOException}: a storage call never waits for ever for a
 * server that went away. After a transport failure the next try mounts again, so a server that
 * restarted on another port is found.
 */
public final class NfsMount implements Closeable {

  /** One exchange with the server; {@code retried} is true on every try after the first. */
  @FunctionalInterface
  public interface Exchange<T> {
    T run(Nfs3 client, boolean retried) throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(NfsMount.class);
  private static final long FIRST_PAUSE_MILLIS = 50;
  private static final long MAX_PAUSE_MILLIS = 1_000;
  private static final int MAX_TRANSFER = 1 << 20;
  private static final int MIN_TRANSFER = 4 << 10;

  private final NfsLocation location;
  private final NfsSettings settings;
  private final CredentialUnix credential;
  private Nfs3 client;
  private String exportPath;
  private List<String> folderInExport;
  private volatile int writeChunk = 64 << 10;
  private volatile int readChunk = 64 << 10;
  private volatile boolean closed;

  public NfsMount(NfsLocation location, NfsSettings settings) {
    this.location = location;
    this.settings = settings;
    this.credential = new CredentialUnix(settings.uid(), settings.gid(), null);
  }

  public NfsLocation location() {
    return location;
  }

  /**
   * Runs {@code exchange}, retrying transport failures until the call timeout has passed.
   * Answers of the server (a status, a missing name) are never retried: they are the outcome.
   *
   * @param what the operation and file, for messages
   */
  public <T> T call(String what, Exchange<T> exchange) throws IOException {
    long deadline = System.nanoTime() + settings.callTimeout().toNanos();
    long pause = FIRST_PAUSE_MILLIS;
    for (int tries = 1;; tries++) {
      Nfs3 nfs = null;
      try {
        nfs = client();
        return exchange.run(nfs, tries > 1);
      } catch (IOException e) {
        if (!isTransport(e)) {
          throw e;
        }
        forget(nfs);
        if (System.nanoTime() + pause * 1_000_000 > deadline) {
          throw new IOException(what + " on " + location.uri() + " failed " + tries + " time"
              + (tries == 1 ? "" : "s") + " within the call timeout of "
              + settings.callTimeout().toMillis() + " ms: " + e.getMessage(), e);
        }
        LOG.debug("{} on {} failed in transport, retrying in {} ms: {}", what, location.uri(),
            pause, e.toString());
        sleep(pause);
        pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
      }
    }
  }

  /** The folder's path components inside the export (mounting first if needed). */
  List<String> folderInExport() throws IOException {
    return call("mounting", (nfs, retried) -> {
      synchronized (this) {
        return folderInExport;
      }
    });
  }

  /** Bytes per WRITE: the server's preferred maximum (FSINFO wtmax), at most 1 MB. */
  int writeChunk() {
    return writeChunk;
  }

  /** Bytes per READ: the server's maximum (FSINFO rtmax), at most 1 MB. */
  int readChunk() {
    return readChunk;
  }

  /** The export's path on the server, once mounted. */
  synchronized String exportPath() {
    return exportPath;
  }

  private synchronized Nfs3 client() throws IOException {
    if (closed) {
      throw new ClosedException("the NFS client of " + location.uri() + " is closed");
    }
    if (client == null) {
      client = exportPath == null ? mountLongestExport() : mount(exportPath);
    }
    return client;
  }

  /** Drops the client after a transport failure: the next try mounts again. */
  private synchronized void forget(Nfs3 failed) {
    if (failed != null && client == failed) {
      client = null;
    }
  }

  private Nfs3 mountLongestExport() throws IOException {
    List<String> parts = location.components();
    MountException refused = null;
    for (int length = parts.size(); length >= 0; length--) {
      String candidate = "/" + String.join("/", parts.subList(0, length));
      try {
        Nfs3 nfs = mount(candidate);
        exportPath = candidate;
        folderInExport = List.copyOf(parts.subList(length, parts.size()));
        LOG.info("NFS folder {}: export {} of {}, folder '{}' in it, {} KB writes, {} KB reads",
            location.uri(), candidate, location.host(), String.join("/", folderInExport),
            writeChunk >> 10, readChunk >> 10);
        return nfs;
      } catch (MountException e) {
        if (e.getStatus() != null && e.getStatus().getValue() == MountStatus.MNT3ERR_IO.getValue()) {
          throw e; // no answer: the server is away, not refusing
        }
        if (refused == null) {
          refused = e;
        }
      }
    }
    throw new NotExportedException("the NFS server " + location.host() + " exports no leading "
        + "part of " + location.path() + " to this host (last refusal: "
        + (refused == null ? "none" : refused.getMessage()) + ")");
  }

  private Nfs3 mount(String export) throws IOException {
    Nfs3 nfs = new Nfs3(location.host(), export, credential, 1);
    try {
      NfsFsInfo info = nfs.getNfsFsInfo();
      writeChunk = transfer(info.wtpref > 0 ? info.wtpref : info.wtmax);
      readChunk = transfer(info.rtmax);
    } catch (NfsException e) {
      LOG.debug("FSINFO of {} failed ({}); 64 KB transfers", location.uri(), e.toString());
    }
    return nfs;
  }

  private static int transfer(long serverSize) {
    if (serverSize <= 0) {
      return 64 << 10;
    }
    return (int) Math.max(MIN_TRANSFER, Math.min(MAX_TRANSFER, serverSize));
  }

  /**
   * Whether {@code e} says the exchange did not complete (nothing was learnt about the file):
   * worth another try.
   */
  static boolean isTransport(IOException e) {
    if (e instanceof NotExportedException || e instanceof ClosedException
        || e instanceof InterruptedIOException) {
      return false;
    }
    if (e instanceof RpcException rpc) {
      return rpc.getStatus() == RpcStatus.NETWORK_ERROR;
    }
    if (e instanceof NfsStatusException status) {
      return status.is(NfsStatus.NFS3ERR_JUKEBOX);
    }
    if (e instanceof NfsException nfs) {
      // the client's own retrying calls (FSINFO) wrap a network failure as NFS3ERR_IO
      return nfs.getCause() instanceof RpcException;
    }
    if (e instanceof MountException mount) {
      return mount.getStatus() != null
          && mount.getStatus().getValue() == MountStatus.MNT3ERR_IO.getValue();
    }
    // anything else from the library (the portmapper's own failures) is transport too, unless
    // it is one of the answers the storage maps to the JDK's exceptions
    return !(e instanceof java.nio.file.FileSystemException);
  }

  private static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis); // nothing to wait on: the server gives no sign when it is back
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while retrying an NFS call");
    }
  }

  /**
   * Stops all calls of this mount and closes the process's connections to the server (the
   * client library's network layer, shared by every mount in the process, stays; another mount
   * of the same server reconnects on its next call).
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      client = null;
    }
    try {
      int closedConnections = NfsConnections.closeAll(location.host());
      LOG.debug("Closed {} connection(s) to {}", closedConnections, location.host());
    } catch (IllegalStateException e) {
      LOG.warn("Could not close the connections to NFS server {}: {}", location.host(),
          e.getMessage());
    }
  }

  /** The mount was closed: no more calls. */
  public static final class ClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedException(String message) {
      super(message);
    }
  }

  /** The server mounts no leading part of the folder's path: retrying will not help. */
  public static final class NotExportedException extends IOException {
    private static final long serialVersionUID = 1L;

    NotExportedException(String message) {
      super(message);
    }
  }
}
