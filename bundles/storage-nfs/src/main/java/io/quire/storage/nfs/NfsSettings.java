package io.quire.storage.nfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the client speaks to NFS servers.
 *
 * @param callTimeout how long one storage call retries an exchange that failed in transport
 *     (connection refused or broken, no reply within the client's 10 s) before it fails; see
 *     {@link NfsMount#call}
 * @param uid the user id sent with every call (AUTH_SYS), as a kernel client sends the
 *     process's own
 * @param gid the group id sent with every call
 */
public record NfsSettings(Duration callTimeout, int uid, int gid) {

  /** The default call timeout. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  /** This process's user and group, and {@code callTimeout}. */
  public static NfsSettings ofThisProcess(Duration callTimeout) {
    return new NfsSettings(callTimeout, processId("uid"), processId("gid"));
  }

  /**
   * The effective user or group id of this process: the owner of {@code /proc/self} on Linux;
   * 0 where that cannot be read.
   */
  private static int processId(String which) {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:" + which);
    } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }
}
