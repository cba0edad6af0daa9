package io.quire.launcher.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folder locations: a local path (relative paths resolve against {@code quire.home}), a
 * {@code file:} URI (made a local path), or a URI of another scheme (kept as written).
 */
public final class Locations {

  private static final Pattern HAS_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

  private Locations() {}

  /** The scheme of a resolved location: {@code file} for a local path. */
  public static String scheme(String location) {
    if (!HAS_SCHEME.matcher(location).matches()) {
      return "file";
    }
    return location.substring(0, location.indexOf(':')).toLowerCase(Locale.ROOT);
  }

  static String resolve(String text, Path home) throws InvalidValueException {
    if (!HAS_SCHEME.matcher(text).matches()) {
      return localPath(text, home);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidValueException("not a valid URI: " + e.getReason());
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      if (uri.getPath() == null) {
        throw new InvalidValueException("a file: URI needs an absolute path (file:///dir)");
      }
      return localPath(uri.getPath(), home);
    }
    if (uri.getHost() == null) {
      throw new InvalidValueException("a " + scheme + ": URI needs a host (" + scheme + "://host/dir)");
    }
    return uri.normalize().toString();
  }

  private static String localPath(String text, Path home) throws InvalidValueException {
    try {
      return home.resolve(text).toAbsolutePath().normalize().toString();
    } catch (InvalidPathException e) {
      throw new InvalidValueException("not a valid path: " + e.getReason());
    }
  }
}
