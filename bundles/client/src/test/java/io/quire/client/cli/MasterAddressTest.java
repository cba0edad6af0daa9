package io.quire.client.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterAddressTest {
  @Test
  void prefersTheOptionThenTheSiteFileThenTheDefaults(@TempDir Path conf) throws Exception {
    assertEquals("h:1", MasterAddress.resolve("h:1", conf));
    assertEquals("localhost:19999", MasterAddress.resolve(null, conf));
    Files.writeString(conf.resolve("quire-site.properties"),
        "alluxio.master.hostname=master1\nalluxio.master.web.port = 20001\n");
    assertEquals("master1:20001", MasterAddress.resolve(null, conf));
    Files.writeString(conf.resolve("quire-site.properties"), "alluxio.master.hostname=0.0.0.0\n");
    assertEquals("localhost:19999", MasterAddress.resolve(null, conf));
  }
}
