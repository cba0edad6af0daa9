package io.quire.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code targetDirUri} argument of {@code backup(String)}, from the command line.
 *
 * <p>Without {@code --local} the directory goes to the master as given; empty means the master's
 * {@code alluxio.master.backup.directory}. With {@code --local} (as in Alluxio: write to the primary's
 * local file system rather than the root under-storage) the directory must be an absolute path on the
 * master's machine or a {@code file:} URI, and is sent as a {@code file:} URI; without a directory,
 * {@code alluxio.master.backup.directory} from the configuration is used as that path.
 */
final class BackupTarget {
  static final String DEFAULT_DIRECTORY = "/alluxio_backups";

  /** A URI scheme (RFC 3986) at the start; a plain path has none. */
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private BackupTarget() {}

  static String resolve(String directory, boolean local, SiteConfigSource conf) throws CommandFailure {
    if (!local) {
      return directory == null ? "" : directory;
    }
    String dir = directory != null ? directory : conf.load().get(SiteConfig.BACKUP_DIRECTORY, DEFAULT_DIRECTORY);
    if (dir.contains("${")) {
      throw CommandFailure.usage("--local: cannot resolve " + SiteConfig.BACKUP_DIRECTORY + " = '" + dir
          + "' on the client; give TARGET_DIR_URI");
    }
    Matcher scheme = SCHEME.matcher(dir);
    if (scheme.find()) {
      if (!"file".equalsIgnoreCase(scheme.group(1))) {
        throw CommandFailure.usage("--local needs a local directory, not " + dir);
      }
      return dir;
    }
    if (!dir.startsWith("/")) {
      throw CommandFailure.usage("--local needs an absolute directory on the master's machine, not " + dir);
    }
    try {
      return new URI("file", "", dir, null).toString();
    } catch (URISyntaxException e) {
      throw CommandFailure.usage("not a directory path: " + dir, e);
    }
  }

  /** Reads the configuration only when the default directory is needed. */
  @FunctionalInterface
  interface SiteConfigSource {
    SiteConfig load() throws CommandFailure;
  }
}
