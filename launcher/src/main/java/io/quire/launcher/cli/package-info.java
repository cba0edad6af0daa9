/**
 * {@code bin/quire}: the operator's command line. {@code format}, {@code start} and {@code stop}
 * live here; {@code fs}, {@code fsadmin} and {@code journal} are picocli commands of the client,
 * jmx-console and journal modules, added as subcommands and given the site configuration as
 * system properties.
 */
package io.quire.launcher.cli;
