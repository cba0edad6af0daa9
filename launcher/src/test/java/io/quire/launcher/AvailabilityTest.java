package io.quire.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.launcher.config.ConfigException;
import io.quire.launcher.config.ConfigKeys;
import io.quire.launcher.config.SiteConfig;
import io.quire.launcher.config.SiteConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvailabilityTest {

  @TempDir
  Path home;

  private Path bundles;

  @BeforeEach
  void shipOnlyTheLocalStorageBundle() throws IOException {
    bundles = Files.createDirectories(home.resolve("lib/bundles"));
    writeBundle(bundles.resolve("quire-storage-local-1.jar"), "quire-storage-local;singleton:=true");
  }

  @Test
  void acceptsTheLocalStorageWhenItsBundleShips() throws Exception {
    Availability.check(config(Map.of()), bundles);
  }

  @Test
  void saysHdfsIsNotAvailableInThisBuild() throws Exception {
    SiteConfig config = config(Map.of(ConfigKeys.JOURNAL_FOLDER, "hdfs://nn:8020/quire"));
    ConfigException e = assertThrows(ConfigException.class, () -> Availability.check(config, bundles));
    assertTrue(e.getMessage().contains("storage 'hdfs' is not available in this build"), e.getMessage());
    assertEquals("hdfs://nn:8020/quire", e.value());
  }

  @Test
  void saysNfsIsNotAvailableWhenItsBundleDoesNotShipEvenForAMountedPath() throws Exception {
    SiteConfig config = config(Map.of(ConfigKeys.JOURNAL_FOLDER, "/mnt/nfs/j", ConfigKeys.JOURNAL_STORAGE, "nfs"));
    ConfigException e = assertThrows(ConfigException.class, () -> Availability.check(config, bundles));
    assertTrue(e.getMessage().contains("storage 'nfs' is not available in this build"), e.getMessage());
  }

  @Test
  void acceptsNfsWhenItsBundleShips() throws Exception {
    writeBundle(bundles.resolve("quire-storage-nfs-1.jar"), "quire-storage-nfs");
    Availability.check(config(Map.of(ConfigKeys.JOURNAL_FOLDER, "nfs://filer/export/quire")), bundles);
  }

  private SiteConfig config(Map<String, String> raw) throws ConfigException {
    return SiteConfigLoader.validate(raw, home, home);
  }

  private static void writeBundle(Path jar, String symbolicName) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // a manifest is all the check reads
    }
  }
}
