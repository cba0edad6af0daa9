package io.quire.harness.nfs;

import io.quire.harness.JournalBackend;
import io.quire.harness.QuireHome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Journals on an {@link NfsServerProcess} the harness runs: each master's folder is
 * {@code nfs://127.0.0.1/<export>/<its work folder's name>}, reached through the master's own
 * NFSv3 client (no kernel mount). NFSv3 has no leases: the holder record alone keeps a second
 * master out.
 */
public final class NfsJournals implements JournalBackend {
  private final NfsServerProcess server;
  private final Duration callTimeout;

  private NfsJournals(NfsServerProcess server, Duration callTimeout) {
    this.server = server;
    this.callTimeout = callTimeout;
  }

  /**
   * Starts the machine's NFS server, exporting a folder under {@code dir}.
   *
   * @param callTimeout the masters' {@code quire.nfs.call.timeout}; null for the default
   */
  public static NfsJournals start(QuireHome home, Path dir, Duration callTimeout)
      throws IOException, InterruptedException {
    return new NfsJournals(NfsServerProcess.start(home, dir), callTimeout);
  }

  public NfsServerProcess server() {
    return server;
  }

  @Override
  public Kind kind() {
    return Kind.NFS;
  }

  @Override
  public String describe() {
    return "NFS (nfs-ganesha on 127.0.0.1:2049, NFSv3 over TCP, exporting " + server.backing()
        + "; quire.nfs.call.timeout " + (callTimeout == null ? "the default"
            : callTimeout.toMillis() + " ms") + ") at " + server.export();
  }

  @Override
  public String journalFolder(Path dir) {
    return server.folder(dir.getFileName().toString());
  }

  @Override
  public String siteProperties() {
    return callTimeout == null ? "" : "quire.nfs.call.timeout=" + callTimeout.toMillis() + "ms\n";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
  }
}
