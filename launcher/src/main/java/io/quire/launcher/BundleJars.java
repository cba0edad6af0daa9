package io.quire.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** The OSGi bundles of the distribution: every jar in {@code lib/bundles/}. */
final class BundleJars {

  private BundleJars() {}

  /** The jars, sorted by file name, so that the install order is the same on every start. */
  static List<Path> list(Path bundlesDir) throws IOException {
    if (!Files.isDirectory(bundlesDir)) {
      throw new IOException("no bundle folder at " + bundlesDir + "; is the distribution built (mvn install)?");
    }
    try (Stream<Path> files = Files.list(bundlesDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
  }

  /** The bundle symbolic name (without directives) from a jar's manifest, if it is a bundle. */
  static Optional<String> symbolicName(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
      return Optional.ofNullable(name).map(n -> n.split(";")[0].trim());
    }
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
