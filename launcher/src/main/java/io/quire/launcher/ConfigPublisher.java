package io.quire.launcher;

import io.quire.launcher.config.SiteConfig;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the validated configuration to Config Admin (see docs/design-contracts.md):
 * <ul>
 *   <li>{@code io.quire}: every site key under its own name, typed, plus {@code quire.home},
 *       {@code quire.master.role} and, for {@code start -i}, {@code quire.restore.uri};</li>
 *   <li>{@code io.quire.storage.<type>} with {@code folder}, for the selected storage only, so
 *       that only that backend's component activates.</li>
 * </ul>
 * Jetty's host, port and whether it serves at all are framework properties
 * ({@link FrameworkProperties}), which it reads when it starts: a configuration for
 * {@code org.apache.felix.http} as well would make it stop and start again once it arrives.
 * Configurations are bound to the multi-location {@code ?} because several bundles read them.
 */
final class ConfigPublisher {

  static final String PID_QUIRE = "io.quire";
  /** The interface Felix's Jetty binds to; it does not read {@code org.osgi.service.http.host}. */
  static final String FELIX_HTTP_HOST = "org.apache.felix.http.host";
  static final String FELIX_HTTP_ENABLE = "org.apache.felix.http.enable";

  private static final Logger LOG = LoggerFactory.getLogger(ConfigPublisher.class);
  private static final long WAIT_SECONDS = 30;

  private ConfigPublisher() {}

  static void publish(BundleContext context, SiteConfig config, Role role, Optional<String> restoreUri)
      throws IOException, InterruptedException {
    ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker =
        new ServiceTracker<>(context, ConfigurationAdmin.class, null);
    tracker.open();
    try {
      ConfigurationAdmin admin = tracker.waitForService(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      if (admin == null) {
        throw new IOException("Config Admin did not start within " + WAIT_SECONDS + " s");
      }
      update(admin, PID_QUIRE, quireProperties(config, role, restoreUri));
      Hashtable<String, Object> storage = new Hashtable<>();
      storage.put("folder", config.journalFolder());
      update(admin, "io.quire.storage." + config.storageType(), storage);
    } finally {
      tracker.close();
    }
  }

  static Hashtable<String, Object> quireProperties(SiteConfig config, Role role, Optional<String> restoreUri) {
    Hashtable<String, Object> properties = new Hashtable<>(config.values());
    properties.put("quire.home", config.home().toString());
    properties.put("quire.master.role", role.configValue());
    restoreUri.ifPresent(uri -> properties.put("quire.restore.uri", uri));
    return properties;
  }

  private static void update(ConfigurationAdmin admin, String pid, Dictionary<String, Object> properties)
      throws IOException {
    Configuration configuration = admin.getConfiguration(pid, "?");
    configuration.update(properties);
    LOG.info("Configuration {}: {}", pid, properties);
  }
}
