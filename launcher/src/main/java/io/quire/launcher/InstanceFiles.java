package io.quire.launcher;

import java.nio.file.Path;

/**
 * Where one master process keeps its files. Names carry the role and the client API port so that
 * several masters started from one distribution (each with its own {@code --conf}) never share a
 * pid, log, status file or framework cache.
 *
 * @param home {@code quire.home}
 * @param role the master's role
 * @param webPort {@code alluxio.master.web.port}
 */
public record InstanceFiles(Path home, Role role, int webPort) {

  /** {@code master-19999}: the part every file name of this instance shares. */
  public String instanceName() {
    return role.commandName() + "-" + webPort;
  }

  public Path logsDir() {
    return home.resolve("logs");
  }

  public Path pidFile() {
    return logsDir().resolve("quire-" + instanceName() + ".pid");
  }

  public Path logFile() {
    return logsDir().resolve("quire-" + instanceName() + ".log");
  }

  /** Written by the server once it serves or failed; read by {@code bin/quire start}. */
  public Path statusFile() {
    return logsDir().resolve("quire-" + instanceName() + ".status");
  }

  /** The Felix bundle cache; cleaned on every start. */
  public Path frameworkStorage() {
    return home.resolve("data").resolve("felix-" + instanceName());
  }

  /** Watched by Felix File Install for extra bundles and {@code *.cfg} files. */
  public Path deployDir() {
    return home.resolve("deploy");
  }
}
