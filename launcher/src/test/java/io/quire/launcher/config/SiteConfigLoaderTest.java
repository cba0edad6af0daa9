package io.quire.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteConfigLoaderTest {

  @TempDir
  Path home;

  private SiteConfig load(String... lines) throws ConfigException, IOException {
    return SiteFiles.load(home, lines);
  }

  private ConfigException rejected(String... lines) {
    return SiteFiles.rejected(home, lines);
  }

  private static void assertNames(ConfigException e, String key, String value) {
    assertEquals(key, e.key(), e.getMessage());
    assertEquals(value, e.value(), e.getMessage());
    assertTrue(e.getMessage().startsWith(key + "=" + (value == null ? "(unset)" : value) + ": "), e.getMessage());
  }

  @Test
  void usesTheContractDefaultsWhenTheFileSetsNothing() throws Exception {
    SiteConfig config = load("# nothing set");
    assertEquals(home.resolve("journal").toString(), config.journalFolder());
    assertEquals("local", config.storageType());
    assertEquals(2_000_000L, config.values().get(ConfigKeys.CHECKPOINT_PERIOD));
    assertEquals(10L << 20, config.values().get(ConfigKeys.LOG_SIZE_MAX));
    assertEquals(home.resolve("underFSStorage").toString(), config.values().get(ConfigKeys.ROOT_UFS));
    assertEquals("/alluxio_backups", config.values().get(ConfigKeys.BACKUP_DIRECTORY));
    assertEquals(Boolean.FALSE, config.values().get(ConfigKeys.DAILY_BACKUP_ENABLED));
    assertEquals("05:00", config.values().get(ConfigKeys.DAILY_BACKUP_TIME));
    assertEquals(3, config.values().get(ConfigKeys.DAILY_BACKUP_RETAINED));
    assertEquals("localhost", config.masterHostname());
    assertEquals(19999, config.webPort());
    assertEquals("127.0.0.1", config.jmxHost());
    assertEquals(19991, config.jmxPort());
    assertEquals("service:jmx:rmi:///jndi/rmi://127.0.0.1:19991/jmxrmi", config.jmxServiceUrl());
  }

  @Test
  void aMissingFileMeansAllDefaults() throws Exception {
    Path conf = Files.createDirectories(home.resolve("empty-conf"));
    assertEquals(19999, SiteConfigLoader.load(conf, home).webPort());
  }

  @Test
  void aMissingConfigurationFolderIsAnError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SiteConfigLoader.load(home.resolve("no-such-conf"), home));
    assertTrue(e.getMessage().contains("no-such-conf"), e.getMessage());
  }

  @Test
  void resolvesQuireHomeAndRelativeFolders() throws Exception {
    SiteConfig config = load("alluxio.master.journal.folder=${quire.home}/j1",
        "alluxio.master.mount.table.root.ufs=ufs");
    assertEquals(home.resolve("j1").toString(), config.journalFolder());
    assertEquals(home.resolve("ufs").toString(), config.values().get(ConfigKeys.ROOT_UFS));
  }

  @ParameterizedTest
  @CsvSource({"10MB, 10485760", "64KB, 65536", "1GB, 1073741824", "4096, 4096", "2 mb, 2097152", "512B, 512"})
  void acceptsSizesWithUnitsAndPlainBytes(String written, long bytes) throws Exception {
    assertEquals(bytes, load("alluxio.master.journal.log.size.bytes.max=" + written).values().get(ConfigKeys.LOG_SIZE_MAX));
  }

  @Test
  void typesValuesTheWayConfigAdminCarriesThem() throws Exception {
    SiteConfig config = load("alluxio.master.daily.backup.enabled=TRUE", "alluxio.master.web.port=20001",
        "alluxio.master.journal.checkpoint.period.entries=500");
    assertEquals(Boolean.TRUE, config.values().get(ConfigKeys.DAILY_BACKUP_ENABLED));
    assertEquals(Integer.valueOf(20001), config.values().get(ConfigKeys.WEB_PORT));
    assertEquals(Long.valueOf(500), config.values().get(ConfigKeys.CHECKPOINT_PERIOD));
  }

  @ParameterizedTest
  @CsvSource({
      "alluxio.master.journal.bogus, 1",
      "alluxio.master.journal.log.size.max, 10MB",
      "quire.jmx.hots, 127.0.0.1",
      "some.other.key, x"})
  void rejectsAnUnknownKeyNamingKeyAndValue(String key, String value) {
    ConfigException e = rejected(key + "=" + value);
    assertNames(e, key, value);
    assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
      "alluxio.master.journal.log.size.bytes.max, ten, not a size",
      "alluxio.master.journal.log.size.bytes.max, 0, out of range",
      "alluxio.master.journal.log.size.bytes.max, 10PB, not a size",
      "alluxio.master.web.port, 70000, port out of range",
      "alluxio.master.web.port, 0, port out of range",
      "quire.jmx.port, -1, port out of range",
      "quire.jmx.port, jmx, not a port number",
      "alluxio.master.daily.backup.time, 25:00, not a time of day",
      "alluxio.master.daily.backup.time, 5:00, not a time of day",
      "alluxio.master.daily.backup.time, 05:60, not a time of day",
      "alluxio.master.daily.backup.enabled, yes, not a boolean",
      "alluxio.master.daily.backup.files.retained, 0, at least 1",
      "alluxio.master.journal.checkpoint.period.entries, many, not a whole number",
      "alluxio.master.hostname, my host, not a host name",
      "quire.journal.storage, s3, not one of",
      "quire.startup.timeout, soon, not a duration"})
  void rejectsAMalformedValueNamingKeyAndValue(String key, String value, String reason) {
    ConfigException e = rejected(key + "=" + value);
    assertNames(e, key, value);
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void rejectsAnEmptyValueForAKeyThatNeedsOne() {
    ConfigException e = rejected("alluxio.master.web.port=");
    assertNames(e, ConfigKeys.WEB_PORT, "");
    assertTrue(e.getMessage().contains("missing value"), e.getMessage());
  }

  @Test
  void requiresTheZookeeperAddressWhenZookeeperIsEnabled() {
    ConfigException e = rejected("alluxio.zookeeper.enabled=true");
    assertNames(e, ConfigKeys.ZOOKEEPER_ADDRESS, null);
    assertTrue(e.getMessage().contains("required when alluxio.zookeeper.enabled=true"), e.getMessage());
  }

  @Test
  void requiresAPasswordFileWhenJmxListensBeyondLoopback() {
    ConfigException e = rejected("quire.jmx.host=0.0.0.0");
    assertNames(e, ConfigKeys.JMX_PASSWORD_FILE, null);
    assertTrue(e.getMessage().contains("quire.jmx.host=0.0.0.0 is not a loopback address"), e.getMessage());
  }

  @Test
  void acceptsANonLoopbackJmxHostWithPasswordAndAccessFiles() throws Exception {
    Files.writeString(home.resolve("jmx.password"), "admin secret\n");
    Files.setPosixFilePermissions(home.resolve("jmx.password"), PosixFilePermissions.fromString("rw-------"));
    Files.writeString(home.resolve("jmx.access"), "admin readwrite\n");
    SiteConfig config = load("quire.jmx.host=0.0.0.0", "quire.jmx.password.file=${quire.home}/jmx.password",
        "quire.jmx.access.file=jmx.access");
    assertEquals(home.resolve("jmx.password"), config.jmxPasswordFile().orElseThrow());
    assertEquals(home.resolve("jmx.access"), config.jmxAccessFile().orElseThrow());
  }

  @Test
  void rejectsAPasswordFileThatDoesNotExist() {
    ConfigException e = rejected("quire.jmx.password.file=/no/such/jmx.password");
    assertNames(e, ConfigKeys.JMX_PASSWORD_FILE, "/no/such/jmx.password");
  }

  @ParameterizedTest
  @CsvSource({
      "/var/quire/journal, local",
      "file:///var/quire/journal, local",
      "hdfs://namenode:8020/quire/journal, hdfs",
      "nfs://filer/export/quire, nfs"})
  void derivesTheStorageTypeFromTheFolderScheme(String folder, String type) throws Exception {
    assertEquals(type, load("alluxio.master.journal.folder=" + folder).storageType());
  }

  @Test
  void anExplicitStorageTypeMustAgreeWithTheScheme() {
    ConfigException e = rejected("alluxio.master.journal.folder=hdfs://nn:8020/j", "quire.journal.storage=local");
    assertNames(e, ConfigKeys.JOURNAL_STORAGE, "local");
  }

  @Test
  void aLocalPathMayBeNamedAnNfsMount() throws Exception {
    assertEquals("nfs", load("alluxio.master.journal.folder=/mnt/nfs/j", "quire.journal.storage=nfs").storageType());
  }

  @Test
  void rejectsAFolderOfAnUnsupportedScheme() {
    ConfigException e = rejected("alluxio.master.journal.folder=s3://bucket/journal");
    assertNames(e, ConfigKeys.JOURNAL_FOLDER, "s3://bucket/journal");
    assertTrue(e.getMessage().contains("unsupported scheme 's3'"), e.getMessage());
  }

  @Test
  void rejectsAnHdfsUriWithoutAHost() {
    ConfigException e = rejected("alluxio.master.journal.folder=hdfs:///journal");
    assertNames(e, ConfigKeys.JOURNAL_FOLDER, "hdfs:///journal");
  }

  @Test
  void rejectsAnUnknownVariable() {
    ConfigException e = rejected("alluxio.master.journal.folder=${alluxio.home}/journal");
    assertNames(e, ConfigKeys.JOURNAL_FOLDER, "${alluxio.home}/journal");
    assertTrue(e.getMessage().contains("only ${quire.home} is defined"), e.getMessage());
  }

  @Test
  void validatesRawPairsWithoutAFile() throws Exception {
    Map<String, String> raw = new HashMap<>();
    raw.put(ConfigKeys.WEB_PORT, " 20002 ");
    assertEquals(20002, SiteConfigLoader.validate(raw, home, home).webPort());
  }
}
