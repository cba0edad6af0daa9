package io.quire.launcher.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A validated site configuration: every registry key with a value, typed as Config Admin
 * carries it ({@code Long}, {@code Integer}, {@code Boolean}, {@code String}), defaults filled
 * in, {@code ${quire.home}} resolved, locations made absolute and the storage type decided.
 *
 * @param home {@code quire.home}: logs, framework data and default folders live under it
 * @param confDir the configuration folder the values came from
 * @param values key to typed value, in registry order; optional keys left unset are absent
 */
public record SiteConfig(Path home, Path confDir, Map<String, Object> values) {

  public SiteConfig {
    values = Map.copyOf(values);
  }

  public String journalFolder() {
    return (String) values.get(ConfigKeys.JOURNAL_FOLDER);
  }

  /** {@code local}, {@code nfs} or {@code hdfs}. */
  public String storageType() {
    return (String) values.get(ConfigKeys.JOURNAL_STORAGE);
  }

  public String masterHostname() {
    return (String) values.get(ConfigKeys.MASTER_HOSTNAME);
  }

  public int webPort() {
    return (Integer) values.get(ConfigKeys.WEB_PORT);
  }

  public String jmxHost() {
    return (String) values.get(ConfigKeys.JMX_HOST);
  }

  public int jmxPort() {
    return (Integer) values.get(ConfigKeys.JMX_PORT);
  }

  public Optional<Path> jmxPasswordFile() {
    return Optional.ofNullable((String) values.get(ConfigKeys.JMX_PASSWORD_FILE)).map(Path::of);
  }

  public Optional<Path> jmxAccessFile() {
    return Optional.ofNullable((String) values.get(ConfigKeys.JMX_ACCESS_FILE)).map(Path::of);
  }

  /** Whether the JMX registry and connector speak TLS only ({@code quire.jmx.ssl.enabled}). */
  public boolean jmxSslEnabled() {
    return (Boolean) values.get(ConfigKeys.JMX_SSL_ENABLED);
  }

  /** Whether JMX clients must present a trusted certificate ({@code quire.jmx.ssl.need.client.auth}). */
  public boolean jmxSslNeedClientAuth() {
    return (Boolean) values.get(ConfigKeys.JMX_SSL_NEED_CLIENT_AUTH);
  }

  /** The HDFS client's configuration folder ({@code quire.hadoop.conf.dir}), absolute. */
  public Optional<String> hadoopConfDir() {
    return Optional.ofNullable((String) values.get(ConfigKeys.HADOOP_CONF_DIR));
  }

  public boolean zookeeperEnabled() {
    return (Boolean) values.get(ConfigKeys.ZOOKEEPER_ENABLED);
  }

  public Duration startupTimeout() {
    return Duration.ofMillis((Long) values.get(ConfigKeys.STARTUP_TIMEOUT));
  }

  /**
   * This configuration as a secondary master started with it uses it: its JMX connector on
   * {@code quire.secondary.jmx.port}, so that it runs beside the primary of the same
   * configuration (it serves no client API, so the web port does not collide).
   */
  public SiteConfig asSecondary() {
    Map<String, Object> secondary = new java.util.LinkedHashMap<>(values);
    secondary.put(ConfigKeys.JMX_PORT, values.get(ConfigKeys.SECONDARY_JMX_PORT));
    return new SiteConfig(home, confDir, secondary);
  }

  /** The client API address, as clients use it. */
  public String clientApiUrl() {
    return "http://" + masterHostname() + ":" + webPort();
  }

  /** The JMX connector address, as {@code jconsole} and {@code bin/quire fsadmin} use it. */
  public String jmxServiceUrl() {
    return "service:jmx:rmi:///jndi/rmi://" + jmxHost() + ":" + jmxPort() + "/jmxrmi";
  }
}
