package io.quire.storage.nfs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The NFS storage bundle in a real Felix, wired as the launcher wires it: the storage API and
 * SLF4J from the system bundle, SCR, the local storage bundle, the {@code quire-nfs-client}
 * library bundle and Netty 3's own bundle ({@code org.jboss.netty}). Every bundle resolves and
 * starts, and the {@code nfs:} folder factory that SCR activates reads and writes a folder on a
 * real NFS server through the library's and Netty's class loaders.
 */
@Timeout(300)
class NfsBundlesTest {
  @RegisterExtension
  static final NfsServer SERVER = new NfsServer();

  /** What the launcher's system bundle exports (FrameworkProperties), and the storage API. */
  private static final String SYSTEM_PACKAGES_EXTRA = String.join(",",
      "org.slf4j;version=2.0.20", "org.slf4j.spi;version=2.0.20",
      "org.slf4j.event;version=2.0.20", "org.slf4j.helpers;version=2.0.20",
      "org.slf4j;version=1.7.36", "org.osgi.service.log;version=1.5.0",
      "org.osgi.service.cm;version=1.6.1",
      "io.quire.journal.storage;version=" + exportedVersion(JournalStorage.class));

  /** Jars of the test class path installed as bundles, by file name prefix. */
  private static final List<String> BUNDLES = List.of("org.osgi.util.function-",
      "org.osgi.util.promise-", "org.osgi.service.component-", "org.apache.felix.scr-",
      "quire-storage-local-", "quire-nfs-client-", "netty-3.");

  /** The version the bundle of {@code type} exports its package at (read from its manifest). */
  private static String exportedVersion(Class<?> type) {
    String name = type.getPackageName();
    try {
      Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      java.util.jar.Manifest manifest;
      if (Files.isDirectory(source)) {
        try (var in = Files.newInputStream(source.resolve("META-INF/MANIFEST.MF"))) {
          manifest = new java.util.jar.Manifest(in);
        }
      } else {
        try (var jar = new java.util.jar.JarFile(source.toFile())) {
          manifest = jar.getManifest();
        }
      }
      String exports = manifest.getMainAttributes().getValue("Export-Package");
      var version = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(name)
          + ";[^,]*version=\"?([0-9.]+)").matcher(String.valueOf(exports));
      if (!version.find()) {
        throw new IllegalStateException(name + " is not in Export-Package of " + source + ": "
            + exports);
      }
      return version.group(1);
    } catch (java.io.IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot read the manifest of " + type, e);
    }
  }

  @Test
  void theStorageBundleResolvesStartsAndServesNfsFolders(@TempDir Path cache) throws Exception {
    Map<String, String> properties = new HashMap<>();
    properties.put(Constants.FRAMEWORK_STORAGE, cache.toString());
    properties.put(Constants.FRAMEWORK_STORAGE_CLEAN,
        Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES_EXTRA);
    Framework framework = new FrameworkFactory().newFramework(properties);
    framework.start();
    try {
      BundleContext context = framework.getBundleContext();
      List<Bundle> bundles = new ArrayList<>();
      for (String jar : classPathJars()) {
        bundles.add(context.installBundle(new File(jar).toURI().toString()));
      }
      // the bundle as built: its classes and bnd's manifest in target/classes
      bundles.add(context.installBundle("reference:" + Path.of("target", "classes")
          .toAbsolutePath().toUri()));
      List<String> failures = new ArrayList<>();
      for (Bundle bundle : bundles) {
        try {
          bundle.start();
        } catch (BundleException e) {
          failures.add(bundle.getSymbolicName() + ": " + e.getMessage());
        }
      }
      assertEquals(List.of(), failures, "bundles that did not resolve or start");
      assertEquals(BUNDLES.size() + 1, bundles.stream()
          .filter(b -> b.getState() == Bundle.ACTIVE).count());

      String filter = "(" + FolderStorageFactory.SCHEME_PROPERTY + "=nfs)";
      await().atMost(Duration.ofSeconds(30)).until(() ->
          !context.getServiceReferences(FolderStorageFactory.class, filter).isEmpty());
      ServiceReference<FolderStorageFactory> reference =
          context.getServiceReferences(FolderStorageFactory.class, filter).iterator().next();
      FolderStorageFactory factory = context.getService(reference);
      JournalStorage folder = factory.open(SERVER.folder("osgi/backups"));
      folder.createFolder();
      folder.writeAtomically("backup", "state".getBytes(StandardCharsets.UTF_8));
      assertEquals(List.of("backup"), folder.list());
      assertArrayEquals("state".getBytes(StandardCharsets.UTF_8), folder.readFully("backup"));
      assertTrue(folder.getClass().getClassLoader() != getClass().getClassLoader(),
          "the storage came from the bundle");
      context.ungetService(reference);
    } finally {
      framework.stop();
      framework.waitForStop(30_000);
    }
  }

  private static List<String> classPathJars() {
    List<String> jars = new ArrayList<>();
    String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
    for (String prefix : BUNDLES) {
      String found = null;
      for (String entry : entries) {
        if (new File(entry).getName().startsWith(prefix) && entry.endsWith(".jar")) {
          found = entry;
        }
      }
      if (found == null) {
        throw new IllegalStateException("no " + prefix + "*.jar on the test class path");
      }
      jars.add(found);
    }
    return jars;
  }
}
