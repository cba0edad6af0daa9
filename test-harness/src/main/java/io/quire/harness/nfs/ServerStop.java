package io.quire.harness.nfs;

import io.quire.harness.fault.Outage;
import io.quire.harness.fault.StorageFault;
import java.time.Duration;
import java.util.Locale;

/**
 * The fault {@code nfs-faults} puts the NFS server through: stopped ({@code nfs-server.sh down},
 * SIGTERM to nfs-ganesha) for a drawn {@value #SHORTEST_MILLIS} to {@value #LONGEST_MILLIS} ms,
 * then started again on the same export. The restarted server has a new write verifier, so the
 * UNSTABLE writes of the master's open log that no COMMIT covered must be written again.
 */
public final class ServerStop {
  static final int SHORTEST_MILLIS = 3_000;
  static final int LONGEST_MILLIS = 10_000;

  private ServerStop() {}

  public static StorageFault of(NfsServerProcess server) {
    return new StorageFault("NFS server stop", random -> {
      Duration length = Duration.ofMillis(SHORTEST_MILLIS
          + random.nextInt(LONGEST_MILLIS - SHORTEST_MILLIS + 1));
      server.stop();
      String part = String.format(Locale.ROOT, "nfs-ganesha, %.1f s drawn",
          length.toMillis() / 1e3);
      return Outage.lasting(part, length, server::start);
    });
  }
}
