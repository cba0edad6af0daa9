/**
 * The {@code fsadmin} commands ({@code report}, {@code backup}, {@code checkpoint}): a JMX client for a
 * running master.
 *
 * <p>It talks to MBeans only through {@link javax.management.MBeanServerConnection} attributes and
 * operations, which carry open types (primitives, strings, {@code CompositeData}). It therefore needs
 * none of the server's classes and works against any server version: an MBean or attribute that a
 * server does not have yet is reported as {@code n/a}, never as an error.
 *
 * <p>{@link io.quire.console.FsAdmin} is the only public type: the launcher adds it as the
 * {@code fsadmin} subcommand of {@code bin/quire}, and it also runs on its own ({@code main}).
 */
package io.quire.console;
