package io.quire.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployedUpdatesTest {
  @TempDir
  Path dir;

  @Test
  void readsTheSymbolicNameWithoutItsAttributes() throws IOException {
    assertEquals(Optional.of("quire-storage-local"),
        DeployedUpdates.symbolicName(jar("a.jar", "quire-storage-local;singleton:=true")));
    assertEquals(Optional.of("quire-storage-hdfs"),
        DeployedUpdates.symbolicName(jar("b.jar", " quire-storage-hdfs ")));
  }

  @Test
  void aJarWithoutASymbolicNameOrNotAJarIsNoBundle() throws IOException {
    assertEquals(Optional.empty(), DeployedUpdates.symbolicName(jar("plain.jar", null)));
    File text = Files.writeString(dir.resolve("notes.jar"), "not a zip").toFile();
    assertEquals(Optional.empty(), DeployedUpdates.symbolicName(text));
    assertEquals(Optional.empty(), DeployedUpdates.symbolicName(dir.resolve("gone.jar").toFile()));
  }

  private File jar(String name, String symbolicName) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (symbolicName != null) {
      manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
    }
    Path path = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(path);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      jar.flush();
    }
    return path.toFile();
  }
}
