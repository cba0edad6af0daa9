package io.quire.backup.internal;

import io.quire.backup.BackupFiles;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where a backup goes: the {@code targetDir} of {@code backup(String)} resolved against the
 * configuration, as Alluxio does. Empty means {@code alluxio.master.backup.directory}; a URI
 * (with a scheme) is used as it is; a path is taken within the root under-storage
 * ({@code alluxio.master.mount.table.root.ufs}), which may itself be a path or a URI.
 */
final class BackupLocation {
  private BackupLocation() {}

  /**
   * @throws IllegalArgumentException the directory or the root under-storage is not a usable
   *     path or URI (the message names it)
   */
  static URI resolve(String targetDir, String defaultDir, String rootUfs) {
    String dir = targetDir == null || targetDir.isBlank() ? defaultDir.trim() : targetDir.trim();
    if (BackupFiles.hasScheme(dir)) {
      URI uri = parse(dir, "backup directory");
      if (uri.getPath() == null || uri.getPath().isEmpty()) {
        throw new IllegalArgumentException("backup directory '" + dir + "' names no path");
      }
      return uri;
    }
    String root = rootUfs.trim();
    if (BackupFiles.hasScheme(root)) {
      URI base = parse(root, "alluxio.master.mount.table.root.ufs");
      String path = (base.getPath() == null ? "" : base.getPath()).replaceAll("/+$", "") + "/"
          + dir.replaceAll("^/+", "");
      try {
        return new URI(base.getScheme(), base.getAuthority(), path, null, null);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("backup directory '" + dir + "' within '" + root
            + "': " + e.getMessage(), e);
      }
    }
    if (!Path.of(root).isAbsolute()) {
      throw new IllegalArgumentException("alluxio.master.mount.table.root.ufs '" + root
          + "' is not an absolute path");
    }
    return Path.of(root).resolve(dir.replaceAll("^/+", "")).normalize().toUri();
  }

  private static URI parse(String text, String what) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + " '" + text + "' is not a URI: "
          + e.getMessage(), e);
    }
  }
}
