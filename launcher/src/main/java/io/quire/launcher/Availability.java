package io.quire.launcher;

import io.quire.launcher.config.ConfigException;
import io.quire.launcher.config.ConfigKeys;
import io.quire.launcher.config.SiteConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What this build can do, checked against the configuration before anything starts: a storage
 * backend exists when its bundle ({@code quire-storage-<type>}) ships in {@code lib/bundles}.
 */
public final class Availability {

  private Availability() {}

  public static void check(SiteConfig config, Path bundlesDir) throws ConfigException, IOException {
    String storage = config.storageType();
    if (!BundleJars.hasStorage(bundlesDir, storage)) {
      throw new ConfigException(ConfigKeys.JOURNAL_FOLDER, config.journalFolder(),
          "storage '" + storage + "' is not available in this build");
    }
    if (config.zookeeperEnabled()) {
      throw new ConfigException(ConfigKeys.ZOOKEEPER_ENABLED, "true",
          "leader election through ZooKeeper is not available in this build");
    }
  }
}
