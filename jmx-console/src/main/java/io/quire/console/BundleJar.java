package io.quire.console;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A bundle jar on this machine for {@code fsadmin bundles update}, checked before anything is sent:
 * it exists, can be read, is a jar, and its manifest names a bundle.
 */
record BundleJar(Path path, String symbolicName, String version) {

  static BundleJar check(Path file) throws CommandFailure {
    if (!Files.exists(file)) {
      throw CommandFailure.usage("no such file: " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw CommandFailure.usage(file + " is not a file (give the bundle's jar)");
    }
    if (!Files.isReadable(file)) {
      throw CommandFailure.usage("cannot read " + file + ": permission denied");
    }
    Manifest manifest;
    try (JarFile jar = new JarFile(file.toFile())) {
      manifest = jar.getManifest();
    } catch (IOException e) {
      throw CommandFailure.usage(file + " is not a readable jar: " + CommandFailure.reason(e), e);
    }
    Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
    String name = main.getValue("Bundle-SymbolicName");
    if (name == null || name.isBlank()) {
      throw CommandFailure.usage(file + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
    }
    String version = main.getValue("Bundle-Version");
    // "quire-daily-backup;singleton:=true": the name is what comes before the directives
    return new BundleJar(file.toAbsolutePath().normalize(), name.split(";")[0].trim(),
        version == null ? "0.0.0" : version.trim());
  }

  /** The {@code file:} URL the master reads the jar from. */
  URI uri() {
    return path.toUri();
  }
}
