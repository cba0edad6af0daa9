package io.quire.launcher.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every key Quire reads from {@code quire-site.properties}, with type and default. The
 * {@code alluxio.*} keys keep the names and meaning of the Alluxio "Journal Management"
 * documentation; {@code quire.*} keys are Quire's own. Any key not listed here is an error.
 */
public final class ConfigKeys {

  public static final String JOURNAL_FOLDER = "alluxio.master.journal.folder";
  public static final String CHECKPOINT_PERIOD = "alluxio.master.journal.checkpoint.period.entries";
  public static final String LOG_SIZE_MAX = "alluxio.master.journal.log.size.bytes.max";
  public static final String ROOT_UFS = "alluxio.master.mount.table.root.ufs";
  public static final String BACKUP_DIRECTORY = "alluxio.master.backup.directory";
  public static final String DAILY_BACKUP_ENABLED = "alluxio.master.daily.backup.enabled";
  public static final String DAILY_BACKUP_TIME = "alluxio.master.daily.backup.time";
  public static final String DAILY_BACKUP_RETAINED = "alluxio.master.daily.backup.files.retained";
  public static final String ZOOKEEPER_ENABLED = "alluxio.zookeeper.enabled";
  public static final String ZOOKEEPER_ADDRESS = "alluxio.zookeeper.address";
  public static final String MASTER_HOSTNAME = "alluxio.master.hostname";
  public static final String WEB_PORT = "alluxio.master.web.port";
  public static final String JMX_HOST = "quire.jmx.host";
  public static final String JMX_PORT = "quire.jmx.port";
  public static final String SECONDARY_JMX_PORT = "quire.secondary.jmx.port";
  public static final String JMX_PASSWORD_FILE = "quire.jmx.password.file";
  public static final String JMX_ACCESS_FILE = "quire.jmx.access.file";
  public static final String JMX_SSL_ENABLED = "quire.jmx.ssl.enabled";
  public static final String JMX_SSL_KEYSTORE = "quire.jmx.ssl.keystore";
  public static final String JMX_SSL_KEYSTORE_PASSWORD_FILE = "quire.jmx.ssl.keystore.password.file";
  public static final String JMX_SSL_NEED_CLIENT_AUTH = "quire.jmx.ssl.need.client.auth";
  public static final String JMX_SSL_TRUSTSTORE = "quire.jmx.ssl.truststore";
  public static final String JMX_SSL_TRUSTSTORE_PASSWORD_FILE = "quire.jmx.ssl.truststore.password.file";
  public static final String JOURNAL_STORAGE = "quire.journal.storage";
  public static final String HADOOP_CONF_DIR = "quire.hadoop.conf.dir";
  public static final String STORAGE_TIMEOUT = "quire.journal.storage.timeout";
  public static final String NFS_CALL_TIMEOUT = "quire.nfs.call.timeout";
  public static final String STARTUP_TIMEOUT = "quire.startup.timeout";
  public static final String CHECKPOINT_OVERDUE = "quire.checkpoint.overdue.after";

  /** Storage backends a journal folder can name. */
  public static final Set<String> STORAGE_TYPES = Set.of("local", "nfs", "hdfs");

  public static final List<ConfigKey> ALL = List.of(
      new ConfigKey(JOURNAL_FOLDER, ValueTypes.text(), "${quire.home}/journal",
          "where the journal lives: a local path, nfs://host/export/dir or hdfs://host:port/dir"),
      new ConfigKey(CHECKPOINT_PERIOD, ValueTypes.positiveLong(), "2000000",
          "take a checkpoint after this many entries since the last one"),
      new ConfigKey(LOG_SIZE_MAX, ValueTypes.size(), "10MB", "roll to a new log file past this size"),
      new ConfigKey(ROOT_UFS, ValueTypes.text(), "${quire.home}/underFSStorage",
          "root under-storage; relative backup directories resolve against it"),
      new ConfigKey(BACKUP_DIRECTORY, ValueTypes.text(), "/alluxio_backups",
          "where backups go, within the root under-storage unless a full URI"),
      new ConfigKey(DAILY_BACKUP_ENABLED, ValueTypes.bool(), "false", "take a backup every day"),
      new ConfigKey(DAILY_BACKUP_TIME, ValueTypes.timeOfDay(), "05:00", "when, HH:mm in UTC"),
      new ConfigKey(DAILY_BACKUP_RETAINED, ValueTypes.positiveInt(), "3",
          "how many backup files to keep in the backup directory"),
      new ConfigKey(ZOOKEEPER_ENABLED, ValueTypes.bool(), "false", "HA: leader election through ZooKeeper"),
      new ConfigKey(ZOOKEEPER_ADDRESS, ValueTypes.text(), null, "ZooKeeper connect string (host:port,...)"),
      new ConfigKey(MASTER_HOSTNAME, ValueTypes.host(), "localhost", "where the client API listens"),
      new ConfigKey(WEB_PORT, ValueTypes.port(), "19999", "port of the client API"),
      new ConfigKey(JMX_HOST, ValueTypes.host(), "127.0.0.1", "where the JMX connector listens"),
      new ConfigKey(JMX_PORT, ValueTypes.port(), "19991", "port of the JMX connector (registry and RMI server)"),
      new ConfigKey(SECONDARY_JMX_PORT, ValueTypes.port(), "19992",
          "port of the JMX connector of a secondary master started with this configuration"),
      new ConfigKey(JMX_PASSWORD_FILE, ValueTypes.text(), null,
          "JMX credentials (jmxremote.password format, readable by its owner only); required for a "
              + "non-loopback quire.jmx.host"),
      new ConfigKey(JMX_ACCESS_FILE, ValueTypes.text(), null,
          "JMX roles (jmxremote.access format: readonly or readwrite per user); required with "
              + "quire.jmx.password.file"),
      new ConfigKey(JMX_SSL_ENABLED, ValueTypes.bool(), "false",
          "serve the JMX registry and connector over TLS only"),
      new ConfigKey(JMX_SSL_KEYSTORE, ValueTypes.text(), null,
          "the JMX connector's private key and certificate: a PKCS12 or JKS key store; required with "
              + "quire.jmx.ssl.enabled=true"),
      new ConfigKey(JMX_SSL_KEYSTORE_PASSWORD_FILE, ValueTypes.text(), null,
          "a file whose first line is the password of quire.jmx.ssl.keystore (and of its key), "
              + "readable by its owner only"),
      new ConfigKey(JMX_SSL_NEED_CLIENT_AUTH, ValueTypes.bool(), "false",
          "JMX clients must present a certificate that quire.jmx.ssl.truststore holds"),
      new ConfigKey(JMX_SSL_TRUSTSTORE, ValueTypes.text(), null,
          "the certificates of the JMX clients to accept (PKCS12 or JKS); required with "
              + "quire.jmx.ssl.need.client.auth=true"),
      new ConfigKey(JMX_SSL_TRUSTSTORE_PASSWORD_FILE, ValueTypes.text(), null,
          "a file whose first line is the password of quire.jmx.ssl.truststore, readable by its owner only"),
      new ConfigKey(JOURNAL_STORAGE, ValueTypes.choice(STORAGE_TYPES), null,
          "local, nfs or hdfs; by default from the journal folder's scheme"),
      new ConfigKey(STORAGE_TIMEOUT, ValueTypes.duration(), "60s",
          "how long a write waits for a failing journal storage (unreachable, full) before it "
              + "gets an error; the journal retries and resumes when the storage returns"),
      new ConfigKey(NFS_CALL_TIMEOUT, ValueTypes.duration(), "15s",
          "how long one call of the NFS storage (nfs:// folders) retries a failed exchange with "
              + "the server before it fails"),
      new ConfigKey(HADOOP_CONF_DIR, ValueTypes.text(), null,
          "a folder with the HDFS client's core-site.xml and hdfs-site.xml (relative to quire.home)"),
      new ConfigKey(STARTUP_TIMEOUT, ValueTypes.duration(), "120s",
          "how long the server waits for the master to serve or fail before it gives up"),
      new ConfigKey(CHECKPOINT_OVERDUE, ValueTypes.duration(), "1h",
          "a checkpoint due for longer than this without one written is a WARN and the "
              + "Checkpointer's Overdue flag"));

  public static final Map<String, ConfigKey> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

  private ConfigKeys() {}
}
