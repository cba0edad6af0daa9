package io.quire.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The OSGi bundles of the distribution: every jar in {@code lib/bundles/}, and every folder there
 * that holds {@code META-INF/MANIFEST.MF} (an exploded bundle, such as quire-hadoop, which Felix
 * runs in place).
 */
final class BundleJars {
  private static final String MANIFEST = "META-INF/MANIFEST.MF";

  private BundleJars() {}

  /** The bundles, sorted by file name, so that the install order is the same on every start. */
  static List<Path> list(Path bundlesDir) throws IOException {
    if (!Files.isDirectory(bundlesDir)) {
      throw new IOException("no bundle folder at " + bundlesDir + "; is the distribution built (mvn install)?");
    }
    try (Stream<Path> files = Files.list(bundlesDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar") || isExploded(p))
          .sorted().toList();
    }
  }

  /** Whether {@code bundle} is a folder holding a bundle's files rather than a jar. */
  static boolean isExploded(Path bundle) {
    return Files.isRegularFile(bundle.resolve(MANIFEST));
  }

  /**
   * The location to install {@code bundle} from: its URI for a jar (Felix copies it into its
   * cache), {@code reference:} its folder for an exploded bundle (Felix reads it in place).
   */
  static String location(Path bundle) {
    return isExploded(bundle) ? "reference:" + bundle.toUri() : bundle.toUri().toString();
  }

  /** The bundle symbolic name (without directives) from a bundle's manifest, if it is a bundle. */
  static Optional<String> symbolicName(Path bundle) throws IOException {
    Manifest manifest;
    if (isExploded(bundle)) {
      try (InputStream in = Files.newInputStream(bundle.resolve(MANIFEST))) {
        manifest = new Manifest(in);
      }
    } else {
      try (JarFile file = new JarFile(bundle.toFile())) {
        manifest = file.getManifest();
      }
    }
    String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
    return Optional.ofNullable(name).map(n -> n.split(";")[0].trim());
  }

  /** Fails unless one of the jars is the bundle {@code symbolicName}. */
  static void require(List<Path> jars, String symbolicName) throws IOException {
    for (Path jar : jars) {
      if (symbolicName(jar).filter(symbolicName::equals).isPresent()) {
        return;
      }
    }
    throw new IOException("no " + symbolicName + " bundle among " + jars.size() + " jars in "
        + (jars.isEmpty() ? "lib/bundles" : jars.get(0).getParent()) + "; rebuild the distribution");
  }

  /** Whether a bundle named {@code quire-storage-<type>} ships in the folder. */
  static boolean hasStorage(Path bundlesDir, String type) throws IOException {
    for (Path jar : list(bundlesDir)) {
      if (symbolicName(jar).filter(name -> name.equals("quire-storage-" + type)).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
