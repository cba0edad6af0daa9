/**
 * The {@code fsadmin} commands: a JMX client for a running master. {@code report}, {@code backup},
 * {@code checkpoint}, {@code move-journal}, {@code daily-backup [status|run-now]},
 * {@code restore [status|validate]} and {@code storage} cover every Quire MBean; {@code bundles
 * [list|start|stop|update]} drives the OSGi framework through the MBeans of Aries JMX.
 *
 * <p>It talks to MBeans only through {@link javax.management.MBeanServerConnection} attributes and
 * operations, which carry open types (primitives, strings, {@code CompositeData}). It therefore needs
 * none of the server's classes and works against any server version: an attribute that a server
 * does not have yet is reported as {@code n/a}, and status commands also show the attributes a newer
 * server added; a command whose MBean the server lacks says so and exits 1.
 *
 * <p>Exit codes: 0 ok, 1 failed or master unreachable, 2 usage error, 3 refused (authentication
 * failed, or the JMX user's access level does not allow the call).
 *
 * <p>{@link io.quire.console.FsAdmin} is the only public type: the launcher adds it as the
 * {@code fsadmin} subcommand of {@code bin/quire}, and it also runs on its own ({@code main}).
 */
package io.quire.console;
