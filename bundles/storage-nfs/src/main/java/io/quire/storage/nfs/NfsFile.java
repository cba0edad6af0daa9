package io.quire.storage.nfs;

import com.emc.ecs.nfsclient.nfs.NfsWriteRequest;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3CommitResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3WriteResponse;
import io.quire.journal.storage.AppendableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A file being appended to on an NFS server. One writer; not thread-safe.
 *
 * <p>{@link #append} sends UNSTABLE WRITEs at once (there is nothing to {@link #flush}): the
 * server has the bytes in its memory, which survives this process but not the server.
 * {@link #sync} sends a COMMIT, after which the server has them on stable storage.
 *
 * <p>Every WRITE and COMMIT reply carries the server's write verifier, which changes when the
 * server restarts. The verifier of the writes since the last COMMIT must be the COMMIT's own:
 * otherwise the server restarted in between and may have dropped some of them, so {@code sync}
 * fails rather than acknowledge them (the journal then cuts the file back to its last synced
 * byte and writes the batch again).
 *
 * <p>Each WRITE carries a copy of the appended bytes: a WRITE that timed out may still reach the
 * server later, and it must then carry exactly what was appended, not what a reused buffer holds
 * by then.
 */
final class NfsFile implements AppendableFile {

  private final NfsJournalStorage storage;
  private final NfsMount mount;
  private final String name;
  private final byte[] handle;
  private long position;
  /** The verifier of the first WRITE since the last COMMIT; null when none is pending. */
  private Long pendingVerifier;
  private boolean closed;

  NfsFile(NfsJournalStorage storage, NfsMount mount, String name, byte[] handle, long position) {
    this.storage = storage;
    this.mount = mount;
    this.name = name;
    this.handle = handle;
    this.position = position;
  }

  @Override
  public void append(ByteBuffer data) throws IOException {
    checkOpen();
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    storage.io(() -> {
      int chunk = mount.writeChunk();
      for (int sent = 0; sent < bytes.length; ) {
        int length = Math.min(chunk, bytes.length - sent);
        sent += write(bytes, sent, length);
      }
      return null;
    });
    storage.wrote(bytes.length);
  }

  /** One UNSTABLE WRITE at the current position; returns how many bytes the server took. */
  private int write(byte[] bytes, int offset, int length) throws IOException {
    long at = position;
    Nfs3WriteResponse written = mount.call("WRITE " + name + " at " + at, (nfs, retried) -> {
      Nfs3WriteResponse reply = nfs.sendWrite(nfs.makeWriteRequest(handle, at,
          new ArrayList<>(List.of(ByteBuffer.wrap(bytes, offset, length))),
          NfsWriteRequest.UNSTABLE)); // the client appends to the list: a mutable one
      NfsStatusException.check(reply, "WRITE at " + at + " of", name);
      return reply;
    });
    int taken = written.getCount();
    if (taken <= 0 || taken > length) {
      throw new IOException("WRITE of " + length + " bytes at " + at + " of " + name + " in "
          + storage.uri() + ": the server reports " + taken + " bytes written");
    }
    if (pendingVerifier == null) {
      pendingVerifier = written.getVerf();
    } else if (pendingVerifier != written.getVerf()) {
      throw restarted("a WRITE", written.getVerf());
    }
    position = at + taken;
    return taken;
  }

  @Override
  public void flush() throws IOException {
    checkOpen(); // each append went to the server as it was made
  }

  @Override
  public void sync() throws IOException {
    checkOpen();
    if (pendingVerifier != null) {
      long expected = pendingVerifier;
      long committed = storage.io(() -> commit(mount, handle, name));
      if (committed != expected) {
        throw restarted("the COMMIT", committed);
      }
      pendingVerifier = null;
    }
    storage.synced();
  }

  /** COMMITs the whole file; returns the server's write verifier. */
  static long commit(NfsMount mount, byte[] handle, String name) throws IOException {
    return mount.call("COMMIT " + name, (nfs, retried) -> {
      Nfs3CommitResponse reply = nfs.sendCommit(nfs.makeCommitRequest(handle, 0, 0));
      NfsStatusException.check(reply, "COMMIT", name);
      return reply.getVerf();
    });
  }

  private IOException restarted(String what, long verifier) {
    return new IOException("the NFS server " + mount.location().host() + " restarted while "
        + name + " in " + storage.uri() + " had unstable writes (write verifier "
        + Long.toHexString(pendingVerifier) + ", " + what + " answered with "
        + Long.toHexString(verifier) + "): bytes written since the last sync may be lost");
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public String name() {
    return name;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException(name + " in " + storage.uri() + " is closed");
    }
  }

  /** Nothing to release: NFSv3 has no open state on the server. */
  @Override
  public void close() {
    closed = true;
  }
}
