package io.quire.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JMX security keys: password and access files together, secret files readable by their owner
 * only, TLS keys only with TLS on, stores that open with their passwords; every error names the key
 * and its value and never holds a password.
 */
class JmxRulesTest {

  private static final String STORE_PASSWORD = "store-pw-4711";
  private static final String TRUST_PASSWORD = "trust-pw-0815";

  /** Made once: keytool takes about half a second per store. */
  @TempDir
  static Path stores;

  @TempDir
  Path home;

  @BeforeAll
  static void makeStores() throws Exception {
    keytool("-genkeypair", "-alias", "quire-jmx", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", stores.resolve("server.p12").toString(), "-storepass", STORE_PASSWORD);
    keytool("-exportcert", "-alias", "quire-jmx", "-rfc", "-file", stores.resolve("server.crt").toString(),
        "-keystore", stores.resolve("server.p12").toString(), "-storepass", STORE_PASSWORD);
    keytool("-importcert", "-noprompt", "-alias", "client", "-file", stores.resolve("server.crt").toString(),
        "-storetype", "PKCS12", "-keystore", stores.resolve("trust.p12").toString(), "-storepass", TRUST_PASSWORD);
    keytool("-genkeypair", "-alias", "quire-jmx", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-validity", "2", "-storetype", "JKS",
        "-keystore", stores.resolve("server.jks").toString(), "-storepass", STORE_PASSWORD,
        "-keypass", STORE_PASSWORD);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
    assertEquals(0, process.exitValue(), output);
  }

  private SiteConfig load(String... lines) throws ConfigException, IOException {
    return SiteFiles.load(home, lines);
  }

  private ConfigException rejected(String... lines) {
    return SiteFiles.rejected(home, lines);
  }

  private static void assertNames(ConfigException e, String key, String value) {
    assertEquals(key, e.key(), e.getMessage());
    assertEquals(value, e.value(), e.getMessage());
    assertFalse(e.getMessage().contains(STORE_PASSWORD) || e.getMessage().contains(TRUST_PASSWORD), e.getMessage());
  }

  /** A file in {@code home} with these lines and permissions. */
  private Path file(String name, String permissions, String... lines) throws IOException {
    Path file = Files.write(home.resolve(name), List.of(lines));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private void userFiles() throws IOException {
    file("jmx.password", "rw-------", "reader r-pw", "operator o-pw");
    file("jmx.access", "rw-r--r--", "reader readonly", "operator readwrite");
  }

  private void storePasswords() throws IOException {
    file("keystore.pw", "r--------", STORE_PASSWORD);
    file("truststore.pw", "rw-------", TRUST_PASSWORD);
  }

  private static String[] tlsLines(String... more) {
    List<String> lines = new ArrayList<>(List.of("quire.jmx.ssl.enabled=true",
        "quire.jmx.ssl.keystore=" + stores.resolve("server.p12"), "quire.jmx.ssl.keystore.password.file=keystore.pw"));
    lines.addAll(List.of(more));
    return lines.toArray(String[]::new);
  }

  @Test
  void aCommandThatOnlyConnectsNeedsThePathsNotTheSecretFilesThemselves() throws Exception {
    // a password file others may read, and files unreadable to anyone but root
    file("jmx.password", "rw-r--r--", "reader r-pw");
    file("jmx.access", "---------", "reader readonly");
    file("keystore.pw", "---------", STORE_PASSWORD);
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.writeString(conf.resolve(SiteConfigLoader.FILE_NAME), String.join("\n", tlsLines(
        "quire.jmx.password.file=jmx.password", "quire.jmx.access.file=jmx.access")) + "\n");

    SiteConfig client = SiteConfigLoader.loadForClient(conf, home);

    assertEquals(home.resolve("jmx.password").toString(), client.values().get(ConfigKeys.JMX_PASSWORD_FILE));
    assertEquals(Boolean.TRUE, client.values().get(ConfigKeys.JMX_SSL_ENABLED));
    assertNames(assertThrows(ConfigException.class, () -> SiteConfigLoader.load(conf, home)),
        ConfigKeys.JMX_PASSWORD_FILE, "jmx.password");
    // the checks of the keys themselves still hold for the client
    Files.writeString(conf.resolve(SiteConfigLoader.FILE_NAME), "quire.jmx.access.file=jmx.access\n");
    assertNames(assertThrows(ConfigException.class, () -> SiteConfigLoader.loadForClient(conf, home)),
        ConfigKeys.JMX_PASSWORD_FILE, null);
  }

  @Test
  void aPasswordFileNeedsAnAccessFileSoThatEveryUserHasARole() throws Exception {
    file("jmx.password", "rw-------", "reader r-pw");
    ConfigException e = rejected("quire.jmx.password.file=jmx.password");
    assertNames(e, ConfigKeys.JMX_ACCESS_FILE, null);
    assertTrue(e.getMessage().contains("readonly or readwrite"), e.getMessage());
  }

  @Test
  void anAccessFileNeedsAPasswordFile() throws Exception {
    file("jmx.access", "rw-r--r--", "reader readonly");
    assertNames(rejected("quire.jmx.access.file=jmx.access"), ConfigKeys.JMX_PASSWORD_FILE, null);
  }

  @Test
  void aNonLoopbackHostNeedsThePasswordFileFirst() {
    ConfigException e = rejected("quire.jmx.host=0.0.0.0");
    assertNames(e, ConfigKeys.JMX_PASSWORD_FILE, null);
    assertTrue(e.getMessage().contains("not a loopback address"), e.getMessage());
  }

  @Test
  void refusesAPasswordFileThatOthersMayRead() throws Exception {
    userFiles();
    Path password = home.resolve("jmx.password");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r-----"));
    ConfigException e = rejected("quire.jmx.password.file=jmx.password", "quire.jmx.access.file=jmx.access");
    assertNames(e, ConfigKeys.JMX_PASSWORD_FILE, "jmx.password");
    assertTrue(e.getMessage().contains("rw-r-----") && e.getMessage().contains("chmod 600 " + password),
        e.getMessage());
    assertFalse(e.getMessage().contains("r-pw"), "the file's content is not shown: " + e.getMessage());
  }

  @Test
  void acceptsOwnerOnlyPasswordFileAndAnyAccessFile() throws Exception {
    userFiles();
    SiteConfig config = load("quire.jmx.password.file=jmx.password", "quire.jmx.access.file=jmx.access");
    assertEquals(home.resolve("jmx.password"), config.jmxPasswordFile().orElseThrow());
    assertFalse(config.jmxSslEnabled());
    assertTrue(JmxTls.serverContext(config).isEmpty());
  }

  @Test
  void tlsNeedsAKeyStoreAndItsPasswordFile() throws Exception {
    assertNames(rejected("quire.jmx.ssl.enabled=true"), ConfigKeys.JMX_SSL_KEYSTORE, null);
    ConfigException e = rejected("quire.jmx.ssl.enabled=true", "quire.jmx.ssl.keystore=" + stores.resolve("server.p12"));
    assertNames(e, ConfigKeys.JMX_SSL_KEYSTORE_PASSWORD_FILE, null);
    assertTrue(e.getMessage().contains("required when quire.jmx.ssl.enabled=true"), e.getMessage());
  }

  @Test
  void opensAPkcs12KeyStoreAndKeepsOnlyPathsInTheValues() throws Exception {
    storePasswords();
    SiteConfig config = load(tlsLines());
    assertTrue(config.jmxSslEnabled());
    assertEquals(home.resolve("keystore.pw").toString(), config.values().get(ConfigKeys.JMX_SSL_KEYSTORE_PASSWORD_FILE));
    assertFalse(config.values().toString().contains(STORE_PASSWORD), config.values().toString());
    assertEquals("TLS", JmxTls.serverContext(config).orElseThrow().getProtocol());
  }

  @Test
  void opensAJksKeyStore() throws Exception {
    storePasswords();
    SiteConfig config = load("quire.jmx.ssl.enabled=true", "quire.jmx.ssl.keystore=" + stores.resolve("server.jks"),
        "quire.jmx.ssl.keystore.password.file=keystore.pw");
    assertTrue(JmxTls.serverContext(config).isPresent());
  }

  @Test
  void aWrongKeyStorePasswordNamesTheKeyStoreAndNotThePassword() throws Exception {
    file("keystore.pw", "rw-------", "not-" + STORE_PASSWORD);
    ConfigException e = rejected(tlsLines());
    assertNames(e, ConfigKeys.JMX_SSL_KEYSTORE, stores.resolve("server.p12").toString());
    assertTrue(e.getMessage().contains("wrong password") && e.getMessage().contains("quire.jmx.ssl.keystore.password.file"),
        e.getMessage());
    assertFalse(e.getMessage().contains("not-" + STORE_PASSWORD), e.getMessage());
  }

  @Test
  void refusesAKeyStorePasswordFileThatOthersMayRead() throws Exception {
    file("keystore.pw", "rw-rw-r--", STORE_PASSWORD);
    ConfigException e = rejected(tlsLines());
    assertNames(e, ConfigKeys.JMX_SSL_KEYSTORE_PASSWORD_FILE, "keystore.pw");
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
  }

  @Test
  void refusesAnEmptyPasswordFile() throws Exception {
    file("keystore.pw", "rw-------");
    ConfigException e = rejected(tlsLines());
    assertNames(e, ConfigKeys.JMX_SSL_KEYSTORE_PASSWORD_FILE, home.resolve("keystore.pw").toString());
    assertTrue(e.getMessage().contains("holds no password"), e.getMessage());
  }

  @Test
  void refusesAMissingKeyStoreOrOneThatIsNoStore() throws Exception {
    storePasswords();
    ConfigException missing = rejected("quire.jmx.ssl.enabled=true", "quire.jmx.ssl.keystore=no-such.p12",
        "quire.jmx.ssl.keystore.password.file=keystore.pw");
    assertNames(missing, ConfigKeys.JMX_SSL_KEYSTORE, "no-such.p12");
    Files.writeString(home.resolve("garbage.p12"), "not a key store");
    ConfigException garbage = rejected("quire.jmx.ssl.enabled=true", "quire.jmx.ssl.keystore=garbage.p12",
        "quire.jmx.ssl.keystore.password.file=keystore.pw");
    assertTrue(garbage.getMessage().contains("not a PKCS12 or JKS key store"), garbage.getMessage());
  }

  @Test
  void aKeyStoreMustHoldAPrivateKey() throws Exception {
    file("keystore.pw", "rw-------", TRUST_PASSWORD);
    ConfigException e = rejected("quire.jmx.ssl.enabled=true", "quire.jmx.ssl.keystore=" + stores.resolve("trust.p12"),
        "quire.jmx.ssl.keystore.password.file=keystore.pw");
    assertNames(e, ConfigKeys.JMX_SSL_KEYSTORE, stores.resolve("trust.p12").toString());
    assertTrue(e.getMessage().contains("no private key"), e.getMessage());
  }

  @Test
  void tlsKeysWithoutTlsAreErrorsRatherThanAConnectorInClear() throws Exception {
    storePasswords();
    assertNames(rejected("quire.jmx.ssl.keystore=" + stores.resolve("server.p12")), ConfigKeys.JMX_SSL_KEYSTORE,
        stores.resolve("server.p12").toString());
    ConfigException clientAuth = rejected("quire.jmx.ssl.need.client.auth=true");
    assertNames(clientAuth, ConfigKeys.JMX_SSL_NEED_CLIENT_AUTH, "true");
    assertTrue(clientAuth.getMessage().contains("no effect unless quire.jmx.ssl.enabled=true"), clientAuth.getMessage());
    ConfigException trust = rejected(tlsLines("quire.jmx.ssl.truststore=" + stores.resolve("trust.p12")));
    assertNames(trust, ConfigKeys.JMX_SSL_TRUSTSTORE, stores.resolve("trust.p12").toString());
    assertTrue(trust.getMessage().contains("quire.jmx.ssl.need.client.auth=true"), trust.getMessage());
  }

  @Test
  void clientAuthenticationNeedsATrustStoreThatOpens() throws Exception {
    storePasswords();
    assertNames(rejected(tlsLines("quire.jmx.ssl.need.client.auth=true")), ConfigKeys.JMX_SSL_TRUSTSTORE, null);
    file("bad-trust.pw", "rw-------", "wrong");
    ConfigException wrong = rejected(tlsLines("quire.jmx.ssl.need.client.auth=true",
        "quire.jmx.ssl.truststore=" + stores.resolve("trust.p12"), "quire.jmx.ssl.truststore.password.file=bad-trust.pw"));
    assertNames(wrong, ConfigKeys.JMX_SSL_TRUSTSTORE, stores.resolve("trust.p12").toString());
    assertTrue(wrong.getMessage().contains("wrong password"), wrong.getMessage());

    SiteConfig config = load(tlsLines("quire.jmx.ssl.need.client.auth=true",
        "quire.jmx.ssl.truststore=" + stores.resolve("trust.p12"), "quire.jmx.ssl.truststore.password.file=truststore.pw"));
    assertTrue(config.jmxSslNeedClientAuth());
    assertTrue(JmxTls.serverContext(config).isPresent());
  }

  @Test
  void readsOnlyTheFirstLineOfAPasswordFile() throws Exception {
    Path file = Files.writeString(home.resolve("pw"), "first line\r\nsecond\n");
    assertEquals("first line", new String(JmxTls.readPassword("k", file.toString())));
  }
}
