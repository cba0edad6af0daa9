package io.quire.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuireHomeTest {

  @TempDir
  Path work;

  @Test
  void pointingTheSiteFileAtAnotherFolderReplacesOnlyTheFolder() throws Exception {
    Path conf = QuireHome.writeConf(work, "/old/journal", "quire.hadoop.conf.dir=/conf\n");
    List<String> before = Files.readAllLines(conf.resolve("quire-site.properties"));

    QuireHome.setJournalFolder(conf, "hdfs://127.0.0.1:8020/quire/move-01-hdfs");

    List<String> after = Files.readAllLines(conf.resolve("quire-site.properties"));
    assertEquals("alluxio.master.journal.folder=hdfs://127.0.0.1:8020/quire/move-01-hdfs",
        after.get(0));
    assertEquals(before.subList(1, before.size()), after.subList(1, after.size()));
    assertEquals(1, after.stream().filter(l -> l.startsWith("alluxio.master.journal.folder="))
        .count());
  }
}
