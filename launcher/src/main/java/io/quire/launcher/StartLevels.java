package io.quire.launcher;

import java.util.Map;

/**
 * Which start level each bundle gets, by symbolic name. Levels order the start so that every
 * bundle finds what it needs already running:
 * <ol>
 *   <li>the OSGi log, so that the launcher's log bridge hears everything after it;</li>
 *   <li>Config Admin and the APIs that SCR needs;</li>
 *   <li>SCR, Aries JMX (framework MBeans and the MBean whiteboard), File Install, HTTP;</li>
 *   <li>Quire's bundles and any library they bring, once the launcher has written their
 *       configuration.</li>
 * </ol>
 */
final class StartLevels {

  /** The level at which Quire's bundles start; configuration is written before level 3. */
  static final int APPLICATION = 4;

  private static final Map<String, Integer> INFRASTRUCTURE = Map.ofEntries(
      Map.entry("org.apache.felix.log", 1),
      Map.entry("org.apache.felix.configadmin", 2),
      Map.entry("org.osgi.util.function", 2),
      Map.entry("org.osgi.util.promise", 2),
      Map.entry("org.osgi.service.component", 2),
      Map.entry("org.apache.felix.metatype", 2),
      Map.entry("org.apache.felix.scr", 3),
      Map.entry("org.apache.aries.util", 3),
      Map.entry("org.apache.aries.jmx.api", 3),
      Map.entry("org.apache.aries.jmx.core", 3),
      Map.entry("org.apache.aries.jmx.whiteboard", 3),
      Map.entry("org.apache.felix.fileinstall", 3),
      Map.entry("org.apache.felix.http.servlet-api", 3),
      Map.entry("org.apache.felix.http.jetty12", 3),
      Map.entry("org.apache.commons.commons-fileupload", 3),
      Map.entry("org.apache.commons.commons-io", 3));

  private StartLevels() {}

  static int of(String symbolicName) {
    return INFRASTRUCTURE.getOrDefault(symbolicName, APPLICATION);
  }
}
