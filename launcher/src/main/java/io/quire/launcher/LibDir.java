package io.quire.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The distribution's {@code lib} folder: {@code -Dquire.lib.dir} as {@code bin/quire} passes it,
 * else the folder of the jar this class came from.
 */
public final class LibDir {

  public static final String PROPERTY = "quire.lib.dir";

  private LibDir() {}

  public static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    try {
      Path codeSource = Path.of(LibDir.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(codeSource) ? codeSource.getParent() : codeSource;
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Path.of("lib").toAbsolutePath();
    }
  }
}
