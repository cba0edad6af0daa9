package io.quire.launcher.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@code conf/quire-site.properties} under a test's Quire home, loaded as a master would. */
final class SiteFiles {
  private SiteFiles() {}

  /** Writes {@code home/conf/quire-site.properties} with these lines and loads it. */
  static SiteConfig load(Path home, String... lines) throws ConfigException, IOException {
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.writeString(conf.resolve(SiteConfigLoader.FILE_NAME), String.join("\n", lines) + "\n");
    return SiteConfigLoader.load(conf, home);
  }

  /** The error these lines stop a start with. */
  static ConfigException rejected(Path home, String... lines) {
    return assertThrows(ConfigException.class, () -> load(home, lines));
  }
}
