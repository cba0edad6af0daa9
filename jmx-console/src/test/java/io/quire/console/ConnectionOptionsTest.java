package io.quire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The TLS options of every fsadmin command: when TLS applies, what it puts in the connector's
 * environment, and bad stores or passwords as usage errors (exit 2) that never show a password.
 */
class ConnectionOptionsTest {

  private static final String URL = "service:jmx:rmi:///jndi/rmi://127.0.0.1:19991/jmxrmi";
  private static final String TRUST_PASSWORD = "trust-pw-6Gh3";
  private static final String KEY_PASSWORD = "key-pw-1Sd9";

  @TempDir
  static Path stores;

  @TempDir
  Path temp;

  private final Map<String, String> environment = new HashMap<>();
  private SSLContext previousDefault;

  @BeforeAll
  static void makeStores() throws Exception {
    keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=fsadmin", "-storetype", "PKCS12", "-keystore", stores.resolve("client.p12").toString(),
        "-storepass", KEY_PASSWORD);
    keytool("-exportcert", "-alias", "client", "-rfc", "-file", stores.resolve("client.crt").toString(),
        "-keystore", stores.resolve("client.p12").toString(), "-storepass", KEY_PASSWORD);
    keytool("-importcert", "-noprompt", "-alias", "master", "-file", stores.resolve("client.crt").toString(),
        "-storetype", "PKCS12", "-keystore", stores.resolve("trust.p12").toString(), "-storepass", TRUST_PASSWORD);
    Files.writeString(stores.resolve("trust.pw"), TRUST_PASSWORD + "\n");
    Files.writeString(stores.resolve("key.pw"), KEY_PASSWORD + "\n");
    Files.writeString(stores.resolve("wrong.pw"), "wrong-pw-0Qa2\n");
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
    assertEquals(0, process.exitValue(), output);
  }

  @BeforeEach
  void rememberTheDefaultContext() throws Exception {
    previousDefault = SSLContext.getDefault();
  }

  @AfterEach
  void restoreTheDefaultContext() {
    SSLContext.setDefault(previousDefault);
  }

  private ConnectionTarget target(String... args) throws CommandFailure {
    ConnectionOptions options = new ConnectionOptions();
    new CommandLine(options).parseArgs(args);
    return options.target(new FsAdmin(environment::get));
  }

  private CommandFailure usageError(String... args) {
    CommandFailure failure = assertThrows(CommandFailure.class, () -> target(args));
    assertEquals(CommandFailure.USAGE, failure.exitCode(), failure.getMessage());
    for (String secret : List.of(TRUST_PASSWORD, KEY_PASSWORD, "wrong-pw-0Qa2")) {
      assertFalse(failure.getMessage().contains(secret), failure.getMessage());
    }
    return failure;
  }

  private Path conf(String... lines) throws IOException {
    Path conf = Files.createDirectories(temp.resolve("conf"));
    Files.write(conf.resolve(SiteConfig.FILE_NAME), List.of(lines));
    return conf;
  }

  private static String store(String name) {
    return stores.resolve(name).toString();
  }

  @Test
  void inClearByDefault() throws Exception {
    ConnectionTarget target = target("--url", URL);
    assertFalse(target.tls());
    assertEquals(URL, target.toString());
    assertFalse(target.environment().containsKey(ConnectionOptions.REGISTRY_SOCKET_FACTORY));
  }

  @Test
  void tlsLooksTheRegistryUpOverTlsAndAcceptsOnlyATlsStub() throws Exception {
    ConnectionTarget target = target("--url", URL, "--tls", "--user", "operator", "--password-file", store("key.pw"));
    assertTrue(target.environment().get(ConnectionOptions.REGISTRY_SOCKET_FACTORY) instanceof SslRMIClientSocketFactory);
    assertEquals("true", target.environment().get(ConnectionOptions.CHECK_STUB));
    assertTrue(target.environment().containsKey(JMXConnector.CREDENTIALS));
    assertEquals(URL + " over TLS", target.toString());
  }

  @Test
  void withoutUrlTheConfigurationTurnsTlsOn() throws Exception {
    Path conf = conf("quire.jmx.ssl.enabled=true", "quire.jmx.port=20001");
    assertTrue(target("--conf", conf.toString()).tls());
    assertFalse(target("--conf", conf.toString(), "--url", URL).tls(), "an explicit URL needs --tls");
    Path plain = conf("quire.jmx.ssl.enabled=false");
    assertFalse(target("--conf", plain.toString()).tls());
  }

  @Test
  void aMalformedTlsSwitchInTheConfigurationIsAUsageError() throws Exception {
    Path conf = conf("quire.jmx.ssl.enabled=yes");
    CommandFailure failure = usageError("--conf", conf.toString());
    assertTrue(failure.getMessage().contains("quire.jmx.ssl.enabled") && failure.getMessage().contains("yes"),
        failure.getMessage());
  }

  @Test
  void storesWithoutTlsAreAUsageError() {
    CommandFailure failure = usageError("--url", URL, "--truststore", store("trust.p12"));
    assertTrue(failure.getMessage().contains("need --tls"), failure.getMessage());
  }

  @Test
  void aTrustStoreBecomesTheDefaultContext() throws Exception {
    target("--url", URL, "--tls", "--truststore", store("trust.p12"), "--truststore-password-file", store("trust.pw"));
    assertNotSame(previousDefault, SSLContext.getDefault());
  }

  @Test
  void theTrustStorePasswordMayComeFromTheEnvironment() throws Exception {
    environment.put(ConnectionOptions.TRUSTSTORE_PASSWORD_ENV, TRUST_PASSWORD);
    target("--url", URL, "--tls", "--truststore", store("trust.p12"));
    assertNotSame(previousDefault, SSLContext.getDefault());
  }

  @Test
  void aWrongTrustStorePasswordIsAUsageErrorThatShowsNoPassword() {
    CommandFailure failure = usageError("--url", URL, "--tls", "--truststore", store("trust.p12"),
        "--truststore-password-file", store("wrong.pw"));
    assertTrue(failure.getMessage().contains("wrong password"), failure.getMessage());
  }

  @Test
  void aPkcs12TrustStoreWithoutItsPasswordShowsNoCertificatesAndSaysWhy() {
    CommandFailure failure = usageError("--url", URL, "--tls", "--truststore", store("trust.p12"));
    assertTrue(failure.getMessage().contains(ConnectionOptions.TRUSTSTORE_PASSWORD_ENV), failure.getMessage());
  }

  @Test
  void aFileThatIsNoStoreOrMissingIsAUsageError() throws Exception {
    Path garbage = Files.writeString(temp.resolve("garbage.p12"), "no store");
    assertTrue(usageError("--url", URL, "--tls", "--truststore", garbage.toString(), "--truststore-password-file",
        store("trust.pw")).getMessage().contains("not a PKCS12 or JKS key store"));
    assertTrue(usageError("--url", URL, "--tls", "--truststore", temp.resolve("missing.p12").toString(),
        "--truststore-password-file", store("trust.pw")).getMessage().contains("missing.p12"));
  }

  @Test
  void aClientKeyStoreNeedsItsPassword() throws Exception {
    usageError("--url", URL, "--tls", "--keystore", store("client.p12"));
    CommandFailure wrong = usageError("--url", URL, "--tls", "--keystore", store("client.p12"),
        "--keystore-password-file", store("wrong.pw"));
    assertTrue(wrong.getMessage().contains("wrong password"), wrong.getMessage());
    target("--url", URL, "--tls", "--keystore", store("client.p12"), "--keystore-password-file", store("key.pw"));
    assertNotSame(previousDefault, SSLContext.getDefault());
  }

  @Test
  void aPasswordFileWithoutItsStoreIsAUsageError() {
    assertTrue(usageError("--url", URL, "--tls", "--keystore-password-file", store("key.pw")).getMessage()
        .contains("--keystore-password-file needs --keystore"));
  }
}
