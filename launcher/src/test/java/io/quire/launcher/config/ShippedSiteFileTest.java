package io.quire.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/quire-site.properties documents every key with its default, and those defaults validate. */
class ShippedSiteFileTest {

  private static final Pattern COMMENTED_SETTING = Pattern.compile("#((?:alluxio|quire)\\.[A-Za-z0-9.]+)=(.*)");
  private static final Path SHIPPED = Path.of("..", "conf", SiteConfigLoader.FILE_NAME);

  @TempDir
  Path home;

  @Test
  void documentsEveryKeyWithItsDefaultAndTheDefaultsValidate() throws Exception {
    Map<String, String> documented = new HashMap<>();
    List<String> lines = Files.readAllLines(SHIPPED);
    for (String line : lines) {
      Matcher m = COMMENTED_SETTING.matcher(line.strip());
      if (m.matches()) {
        documented.put(m.group(1), m.group(2));
      }
    }
    for (ConfigKey key : ConfigKeys.ALL) {
      assertTrue(documented.containsKey(key.name()), key.name() + " is not documented in " + SHIPPED);
      if (!key.optional()) {
        assertEquals(key.defaultValue(), documented.get(key.name()), "documented default of " + key.name());
      }
    }
    for (String line : lines) {
      assertTrue(line.isBlank() || line.startsWith("#"), "the shipped file sets nothing: " + line);
    }
    // Uncommenting every key that has a default must give a valid configuration.
    documented.keySet().removeIf(name -> ConfigKeys.BY_NAME.get(name).optional());
    SiteConfigLoader.validate(documented, home, home);
  }
}
