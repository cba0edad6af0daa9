package io.quire.launcher;

import java.util.Map;

/**
 * Which start level each bundle gets, by symbolic name. Levels order the start so that every
 * bundle finds what it needs already running:
 * <ol>
 *   <li>the OSGi log, so that the launcher's log bridge hears everything after it;</li>
 *   <li>Config Admin and the APIs that SCR needs;</li>
 *   <li>SCR;</li>
 *   <li>the journal storage bundles ({@code quire-storage-*}) and the libraries (Hadoop's
 *       client, the NFS client, Netty 3 and Micrometer): the
 *       framework stops bundles from the highest level down, so the journal (next level) always
 *       stops, syncing and releasing its folder, while its storage is still there;</li>
 *   <li>Quire's other bundles, once the launcher has written their configuration: the master
 *       starts its recovery on a thread of its own;</li>
 *   <li>Aries JMX (framework MBeans and the MBean whiteboard), File Install and HTTP (Jetty),
 *       which start while the master recovers and pick up the services Quire's bundles
 *       registered before them.</li>
 * </ol>
 */
final class StartLevels {

  /** The level of the journal storage bundles, and of bundles dropped into the deploy folder. */
  static final int STORAGE = 4;
  /** The level at which Quire's bundles start; configuration is written before level 3. */
  static final int APPLICATION = 5;
  /** The last level: services that take Quire's bundles' registrations whenever they come. */
  static final int SERVICES = 6;

  /** Library bundles, never swapped: Hadoop's client, the NFS client, Netty 3 and Micrometer. */
  private static final java.util.Set<String> LIBRARIES =
      java.util.Set.of("quire-hadoop", "quire-nfs-client", "org.jboss.netty", "quire-micrometer");

  private static final Map<String, Integer> INFRASTRUCTURE = Map.ofEntries(
      Map.entry("org.apache.felix.log", 1),
      Map.entry("org.apache.felix.configadmin", 2),
      Map.entry("org.osgi.util.function", 2),
      Map.entry("org.osgi.util.promise", 2),
      Map.entry("org.osgi.service.component", 2),
      Map.entry("org.apache.felix.metatype", 2),
      Map.entry("org.apache.felix.scr", 3),
      Map.entry("org.apache.aries.util", SERVICES),
      Map.entry("org.apache.aries.jmx.api", SERVICES),
      Map.entry("org.apache.aries.jmx.core", SERVICES),
      Map.entry("org.apache.aries.jmx.whiteboard", SERVICES),
      Map.entry("org.apache.felix.fileinstall", SERVICES),
      Map.entry("org.apache.felix.http.servlet-api", SERVICES),
      Map.entry("org.apache.felix.http.jetty12", SERVICES),
      Map.entry("org.apache.commons.commons-fileupload", SERVICES),
      Map.entry("org.apache.commons.commons-io", SERVICES));

  private StartLevels() {}

  static int of(String symbolicName) {
    if (symbolicName.startsWith("quire-storage-") && !symbolicName.equals("quire-storage-api")
        || LIBRARIES.contains(symbolicName)) {
      return STORAGE;
    }
    return INFRASTRUCTURE.getOrDefault(symbolicName, APPLICATION);
  }
}
