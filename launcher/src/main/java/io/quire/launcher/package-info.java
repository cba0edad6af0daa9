/**
 * The server process: {@link io.quire.launcher.QuireServer} validates the site configuration,
 * embeds Felix, installs the bundles by start level, hands the configuration to Config Admin,
 * opens the JMX connector and reports readiness through a status file. It holds no business
 * logic: the master, journal and storage live in the bundles.
 */
package io.quire.launcher;
