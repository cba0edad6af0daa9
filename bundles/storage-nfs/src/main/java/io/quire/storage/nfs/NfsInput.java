package io.quire.storage.nfs;

import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3ReadResponse;
import java.io.IOException;
import java.io.InputStream;

/** Sequential READs of a file on an NFS server, from a given offset, each at most a READ's size. */
final class NfsInput extends InputStream {

  private final NfsJournalStorage storage;
  private final NfsMount mount;
  private final String name;
  private final byte[] handle;
  private long position;
  private boolean closed;

  NfsInput(NfsJournalStorage storage, NfsMount mount, String name, byte[] handle, long offset) {
    this.storage = storage;
    this.mount = mount;
    this.name = name;
    this.handle = handle;
    this.position = offset;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException(name + " in " + storage.uri() + " is closed");
    }
    if (length == 0) {
      return 0;
    }
    int wanted = Math.min(length, mount.readChunk());
    long at = position;
    Nfs3ReadResponse reply = storage.io(() -> mount.call("READ " + name + " at " + at,
        (nfs, retried) -> {
          Nfs3ReadResponse got = nfs.getRead(nfs.makeReadRequest(handle, at, wanted), buffer,
              offset);
          NfsStatusException.check(got, "READ at " + at + " of", name);
          return got;
        }));
    int read = reply.getBytesRead();
    if (read == 0) { // at the end now; a file still being written may grow, so ask again next time
      return -1;
    }
    position += read;
    return read;
  }

  @Override
  public long skip(long n) {
    if (n <= 0) {
      return 0;
    }
    position += n; // a READ past the end answers with end of file
    return n;
  }

  @Override
  public void close() {
    closed = true;
  }
}
