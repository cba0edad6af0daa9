package io.quire.launcher;

import io.quire.launcher.config.SiteConfig;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.Constants;

/** The launch properties of the embedded Felix. */
final class FrameworkProperties {

  /**
   * Packages the system bundle exports from the launcher's class path:
   * <ul>
   *   <li>SLF4J, so that bundles log through the launcher's logback without the ServiceLoader
   *       mediator (SPI Fly). Also exported as 1.7.36, the same API, because the Aries JMX
   *       whiteboard imports {@code org.slf4j} in {@code [1.7,2)}.</li>
   *   <li>the OSGi log and Config Admin APIs, so that the launcher's log bridge and
   *       configuration writer share their classes with the bundles that implement them.</li>
   * </ul>
   */
  static final String SYSTEM_PACKAGES_EXTRA = String.join(",",
      "org.slf4j;version=2.0.20",
      "org.slf4j.spi;version=2.0.20",
      "org.slf4j.event;version=2.0.20",
      "org.slf4j.helpers;version=2.0.20",
      "org.slf4j;version=1.7.36",
      "org.slf4j.spi;version=1.7.36",
      "org.slf4j.event;version=1.7.36",
      "org.slf4j.helpers;version=1.7.36",
      "org.osgi.service.log;version=1.5.0",
      "org.osgi.service.log.admin;version=1.0.0",
      "org.osgi.service.cm;version=1.6.1");

  private FrameworkProperties() {}

  static Map<String, Object> of(SiteConfig config, InstanceFiles files) {
    Map<String, Object> p = new HashMap<>();
    p.put(Constants.FRAMEWORK_STORAGE, files.frameworkStorage().toString());
    p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "1");
    p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES_EXTRA);
    p.put("felix.log.logger", new FelixLogger());
    p.put("felix.log.level", "3");
    // SCR's own diagnostics go to the OSGi log, which the launcher routes to the server log.
    p.put("ds.loglevel", "warn");
    // Jetty reads these when it starts (there is no Config Admin configuration for it), so it
    // never binds to its default port 8080, not even for a moment.
    p.put("org.osgi.service.http.port", Integer.toString(config.webPort()));
    p.put("org.osgi.service.http.host", config.masterHostname());
    p.put(ConfigPublisher.FELIX_HTTP_HOST, config.masterHostname());
    // a secondary master serves no clients: Jetty opens no port (the primary's, on one host)
    p.put(ConfigPublisher.FELIX_HTTP_ENABLE, Boolean.toString(files.role() != Role.SECONDARY_MASTER));
    p.put("felix.fileinstall.dir", files.deployDir().toString());
    p.put("felix.fileinstall.noInitialDelay", "true");
    p.put("felix.fileinstall.poll", "2000");
    // bundles dropped into deploy/ are storage bundles swapped in at run time: they stop after
    // the journal, as the shipped ones do
    p.put("felix.fileinstall.start.level", Integer.toString(StartLevels.STORAGE));
    p.put("felix.fileinstall.enableConfigSave", "false");
    p.put("felix.fileinstall.log.level", "3");
    return p;
  }
}
