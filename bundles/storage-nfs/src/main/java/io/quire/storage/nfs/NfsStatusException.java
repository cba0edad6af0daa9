package io.quire.storage.nfs;

import com.emc.ecs.nfsclient.nfs.NfsResponseBase;
import com.emc.ecs.nfsclient.nfs.NfsStatus;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/** The server answered a call with an error status (other than "no such name" or "exists"). */
public final class NfsStatusException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  NfsStatusException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The NFSv3 status ({@code nfsstat3}, RFC 1813). */
  public int status() {
    return status;
  }

  /**
   * Throws unless {@code response} is NFS3_OK: NFS3ERR_NOENT as {@link NoSuchFileException},
   * NFS3ERR_EXIST as {@link FileAlreadyExistsException} (the JDK's types, as on local disk),
   * anything else as this exception naming the call, the file and the status.
   *
   * @param what the call and the file it was about, for the message
   */
  static void check(NfsResponseBase response, String what, String file) throws IOException {
    int status = response.getState();
    if (status == NfsStatus.NFS3_OK.getValue()) {
      return;
    }
    if (status == NfsStatus.NFS3ERR_NOENT.getValue()) {
      throw new NoSuchFileException(file, null, what + ": no such file or folder");
    }
    if (status == NfsStatus.NFS3ERR_EXIST.getValue()) {
      throw new FileAlreadyExistsException(file, null, what + ": the name exists");
    }
    throw new NfsStatusException(status, what + " " + file + " failed: the server answered "
        + NfsStatus.fromValue(status));
  }

  boolean is(NfsStatus expected) {
    return status == expected.getValue();
  }
}
