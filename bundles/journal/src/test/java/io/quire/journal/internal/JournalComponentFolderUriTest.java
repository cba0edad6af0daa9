package io.quire.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What an operator may give {@code moveTo}: {@link JournalComponent#folderUri}. */
class JournalComponentFolderUriTest {

  @Test
  void acceptsAbsolutePathsAndFolderUris() {
    assertEquals(Path.of("/var/lib/quire/j2").toUri(), JournalComponent.folderUri("/var/lib/quire/j2"));
    assertEquals(Path.of("/var/lib/quire/j2").toUri(),
        JournalComponent.folderUri(" /var/lib/quire/x/../j2 "));
    assertEquals(Path.of("/data/j").toUri(), JournalComponent.folderUri("file:///data/j"));
    assertEquals(URI.create("hdfs://nn:8020/quire/j"), JournalComponent.folderUri("hdfs://nn:8020/quire/j"));
    assertEquals(URI.create("nfs://filer/export/j"), JournalComponent.folderUri("nfs://filer/export/j"));
  }

  @Test
  void refusesWhatIsNoFolderNamingIt() {
    for (String bad : new String[] {"", "  ", "relative/dir", "hdfs:relative", "nfs://host"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> JournalComponent.folderUri(bad), bad);
      assertTrue(e.getMessage().contains(bad.trim()) || bad.isBlank(), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> JournalComponent.folderUri(null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JournalComponent.folderUri("hdfs://nn:8020/a b"));
    assertTrue(e.getMessage().contains("hdfs://nn:8020/a b"), e.getMessage());
  }
}
