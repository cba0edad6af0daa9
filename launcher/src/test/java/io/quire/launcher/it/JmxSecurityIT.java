package io.quire.launcher.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.backup.BackupFiles;
import io.quire.launcher.config.SiteConfigLoader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.rmi.registry.LocateRegistry;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIServer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JMX connector's security with real masters started through {@code bin/quire} and the real
 * remote connector: password and access files (a {@code readonly} reader, a {@code readwrite}
 * operator, a user without a role), TLS with and without client certificates, start-up errors for
 * unsafe configurations, and no password in any log.
 *
 * <p>Three masters, each started once for the class: {@code secured} (passwords, in clear),
 * {@code tls} (passwords over TLS) and {@code mutual} (TLS with client certificates). This test
 * JVM's default TLS context trusts the test's self-signed master certificate and presents the
 * client certificate: the JDK's RMI client socket factory, which travels inside the connector's
 * stub, always uses the default context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JmxSecurityIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String READER_PASSWORD = "reader-pw-7Hq2";
  private static final String OPERATOR_PASSWORD = "operator-pw-9Zx4";
  private static final String STRANGER_PASSWORD = "stranger-pw-3Lm8";
  private static final String WRONG_PASSWORD = "wrong-pw-5Tn1";
  private static final String KEYSTORE_PASSWORD = "keystore-pw-2Rd6";
  private static final String TRUSTSTORE_PASSWORD = "truststore-pw-8Vc0";
  private static final String CLIENT_KEYSTORE_PASSWORD = "client-pw-4Pw7";
  private static final List<String> SECRETS = List.of(READER_PASSWORD, OPERATOR_PASSWORD, STRANGER_PASSWORD,
      WRONG_PASSWORD, KEYSTORE_PASSWORD, TRUSTSTORE_PASSWORD, CLIENT_KEYSTORE_PASSWORD);
  private static final ObjectName JOURNAL = name("quire:type=Journal");
  private static final ObjectName MASTER = name("quire:type=Master");
  private static final ObjectName CHECKPOINTER = name("quire:type=Checkpointer");
  private static final ObjectName BACKUP = name("quire:type=Backup");
  private static final ObjectName DAILY_BACKUP = name("quire:type=DailyBackup");

  /** Static: one home for the class, so that its masters start once. */
  @TempDir
  static Path home;

  private QuireCommand quire;
  private Path secrets;
  private Path secured;
  private Path tls;
  private Path mutual;
  private final List<Path> started = new ArrayList<>();
  private final List<QuireCommand.Result> commandResults = new ArrayList<>();
  private SSLContext previousDefault;

  @BeforeAll
  void startMasters() throws Exception {
    quire = new QuireCommand(home);
    secrets = Files.createDirectories(home.resolve("secrets"));
    makeStores();
    secretFile("jmx.password", "reader " + READER_PASSWORD, "operator " + OPERATOR_PASSWORD,
        "stranger " + STRANGER_PASSWORD);
    Files.write(secrets.resolve("jmx.access"), List.of("reader readonly", "operator readwrite"));
    secretFile("keystore.pw", KEYSTORE_PASSWORD);
    secretFile("truststore.pw", TRUSTSTORE_PASSWORD);
    for (String user : List.of("reader", "operator", "stranger", "wrong", "client-truststore", "client-keystore")) {
      Files.writeString(secrets.resolve(user + ".pw"), switch (user) {
        case "reader" -> READER_PASSWORD;
        case "operator" -> OPERATOR_PASSWORD;
        case "stranger" -> STRANGER_PASSWORD;
        case "wrong" -> WRONG_PASSWORD;
        case "client-truststore" -> TRUSTSTORE_PASSWORD;
        default -> CLIENT_KEYSTORE_PASSWORD;
      } + "\n");
    }
    String passwords = "quire.jmx.password.file=" + secrets.resolve("jmx.password");
    String roles = "quire.jmx.access.file=" + secrets.resolve("jmx.access");
    String[] tlsKeys = {"quire.jmx.ssl.enabled=true", "quire.jmx.ssl.keystore=" + secrets.resolve("master.p12"),
        "quire.jmx.ssl.keystore.password.file=" + secrets.resolve("keystore.pw")};
    secured = startMaster("secured", passwords, roles);
    quire.mkdirs(secured, "/entry", 5); // so that a checkpoint or a backup would have something to write
    tls = startMaster("tls", concat(tlsKeys, passwords, roles));
    mutual = startMaster("mutual", concat(tlsKeys, "quire.jmx.ssl.need.client.auth=true",
        "quire.jmx.ssl.truststore=" + secrets.resolve("clients.p12"),
        "quire.jmx.ssl.truststore.password.file=" + secrets.resolve("truststore.pw")));

    previousDefault = SSLContext.getDefault();
    SSLContext.setDefault(clientContext());
  }

  @AfterAll
  void stopMastersAndCheckTheLogs() throws Exception {
    if (previousDefault != null) {
      SSLContext.setDefault(previousDefault);
    }
    for (Path conf : started) {
      QuireCommand.Result stop = quire.run(conf, "stop");
      commandResults.add(stop);
      assertEquals(0, stop.exit(), stop::toString);
    }
    quire.killLeftovers();
    assertNoSecretIn(logs());
    for (QuireCommand.Result result : commandResults) {
      assertNoSecretIn(result.out() + result.err());
    }
  }

  // --- password and access files, in clear ---

  @Test
  void aReadOnlyUserReadsAttributesButEveryOperationIsRefusedAndChangesNothing() throws Exception {
    try (JMXConnector reader = connect(secured, "reader", READER_PASSWORD);
        JMXConnector operator = connect(secured, "operator", OPERATOR_PASSWORD)) {
      MBeanServerConnection server = reader.getMBeanServerConnection();
      MBeanServerConnection admin = operator.getMBeanServerConnection();
      assertEquals("PRIMARY", server.getAttribute(MASTER, "Role"));
      assertTrue(server.getAttribute(JOURNAL, "LastSequenceNumber") instanceof Long);
      assertEquals("local", server.getAttribute(JOURNAL, "StorageType"));
      Object lastCheckpoint = server.getAttribute(CHECKPOINTER, "LastCheckpointTime");
      Object lastBackup = server.getAttribute(BACKUP, "LastBackupUri");
      Object dailyResult = server.getAttribute(DAILY_BACKUP, "LastResult");
      ObjectName framework = only(server, "osgi.core:type=framework,version=1.7,*");
      ObjectName bundleState = only(server, "osgi.core:type=bundleState,version=1.7,*");
      long dailyBackupBundle = bundleId(admin, bundleState, "quire-daily-backup");
      Object lastModified = invoke(admin, bundleState, "getLastModified", dailyBackupBundle);
      long backupFiles = backupFiles(secured);

      refused(() -> invoke(server, CHECKPOINTER, "checkpoint"));
      refused(() -> invoke(server, BACKUP, "backup", ""));
      refused(() -> invoke(server, DAILY_BACKUP, "runNow"));
      refused(() -> invoke(server, framework, "stopBundle", dailyBackupBundle));
      refused(() -> invoke(server, framework, "updateBundle", dailyBackupBundle));
      refused(() -> invoke(server, bundleState, "listBundles"));

      assertEquals(lastCheckpoint, server.getAttribute(CHECKPOINTER, "LastCheckpointTime"));
      assertEquals(lastBackup, server.getAttribute(BACKUP, "LastBackupUri"));
      assertEquals(dailyResult, server.getAttribute(DAILY_BACKUP, "LastResult"));
      assertEquals(backupFiles, backupFiles(secured), "no backup was written");
      assertEquals("ACTIVE", invoke(admin, bundleState, "getState", dailyBackupBundle));
      assertEquals(lastModified, invoke(admin, bundleState, "getLastModified", dailyBackupBundle),
          "the bundle was not updated");
    }
  }

  @Test
  void anOperatorInvokesCheckpointBackupsAndFrameworkOperations() throws Exception {
    try (JMXConnector operator = connect(secured, "operator", OPERATOR_PASSWORD)) {
      MBeanServerConnection server = operator.getMBeanServerConnection();
      long backups = backupFiles(secured);
      long sequence = (Long) invoke(server, CHECKPOINTER, "checkpoint");
      assertTrue(sequence >= 5, "the checkpoint covers the directories made at start: " + sequence);
      assertEquals(sequence, server.getAttribute(CHECKPOINTER, "LastCheckpointSequenceNumber"));
      assertNotEquals(null, invoke(server, BACKUP, "backup", ""));
      invoke(server, DAILY_BACKUP, "runNow");
      await().atMost(PATIENCE).until(() -> backupFiles(secured) >= backups + 2);

      ObjectName framework = only(server, "osgi.core:type=framework,version=1.7,*");
      ObjectName bundleState = only(server, "osgi.core:type=bundleState,version=1.7,*");
      long dailyBackupBundle = bundleId(server, bundleState, "quire-daily-backup");
      invoke(server, framework, "stopBundle", dailyBackupBundle);
      await().atMost(PATIENCE).until(() -> !server.isRegistered(DAILY_BACKUP));
      invoke(server, framework, "startBundle", dailyBackupBundle);
      await().atMost(PATIENCE).until(() -> server.isRegistered(DAILY_BACKUP));
      assertEquals("ACTIVE", invoke(server, bundleState, "getState", dailyBackupBundle));
    }
  }

  @Test
  void aUserWithoutARoleLogsInButMayNotEvenRead() throws Exception {
    try (JMXConnector stranger = connect(secured, "stranger", STRANGER_PASSWORD)) {
      refused(() -> stranger.getMBeanServerConnection().getAttribute(MASTER, "Role"));
      refused(() -> stranger.getMBeanServerConnection().queryNames(null, null));
    }
  }

  @Test
  void wrongPasswordUnknownUserAndNoCredentialsAreRefused() throws Exception {
    JMXServiceURL url = url(secured);
    loginRefused(() -> JMXConnectorFactory.connect(url, credentials("operator", WRONG_PASSWORD)).close());
    loginRefused(() -> JMXConnectorFactory.connect(url, credentials("nobody", OPERATOR_PASSWORD)).close());
    loginRefused(() -> JMXConnectorFactory.connect(url, credentials("operator", "")).close());
    loginRefused(() -> JMXConnectorFactory.connect(url).close());
  }

  @Test
  void fsadminLogsInWithAPasswordFileAndExitsThreeWhenRefused() throws Exception {
    QuireCommand.Result report = fsadmin(secured, "report", "--user", "reader", "--password-file", pw("reader"));
    assertEquals(0, report.exit(), report::toString);
    assertTrue(report.out().contains("PRIMARY"), report::toString);

    QuireCommand.Result wrong = fsadmin(secured, "report", "--user", "reader", "--password-file", pw("wrong"));
    assertEquals(3, wrong.exit(), wrong::toString);
    assertTrue(wrong.err().contains("authentication failed"), wrong::toString);
    QuireCommand.Result anonymous = fsadmin(secured, "report");
    assertEquals(3, anonymous.exit(), anonymous::toString);

    QuireCommand.Result readerCheckpoint = fsadmin(secured, "checkpoint", "--user", "reader", "--password-file", pw("reader"));
    assertEquals(3, readerCheckpoint.exit(), readerCheckpoint::toString);
    assertTrue(readerCheckpoint.err().contains("reader"), readerCheckpoint::toString);
    QuireCommand.Result checkpoint = fsadmin(secured, "checkpoint", "--user", "operator", "--password-file", pw("operator"));
    assertEquals(0, checkpoint.exit(), checkpoint::toString);
  }

  @Test
  void noPasswordReachesTheLogAfterFailedAndSuccessfulLogins() throws Exception {
    loginRefused(() -> JMXConnectorFactory.connect(url(secured), credentials("operator", WRONG_PASSWORD)).close());
    loginRefused(() -> JMXConnectorFactory.connect(url(tls), tlsEnvironment("reader", WRONG_PASSWORD)).close());
    try (JMXConnector ok = connect(secured, "operator", OPERATOR_PASSWORD)) {
      ok.getMBeanServerConnection().getAttribute(MASTER, "Role");
    }
    try (JMXConnector ok = JMXConnectorFactory.connect(url(tls), tlsEnvironment("reader", READER_PASSWORD))) {
      ok.getMBeanServerConnection().getAttribute(MASTER, "Role");
    }
    String logs = logs();
    assertTrue(logs.contains("JMX connector over TLS, client certificates required"), "the TLS masters are in the logs");
    assertNoSecretIn(logs);
  }

  // --- TLS ---

  @Test
  void aTlsMasterServesTlsClientsWithRolesAndRefusesPlainOnes() throws Exception {
    try (JMXConnector reader = JMXConnectorFactory.connect(url(tls), tlsEnvironment("reader", READER_PASSWORD))) {
      MBeanServerConnection server = reader.getMBeanServerConnection();
      assertEquals("PRIMARY", server.getAttribute(MASTER, "Role"));
      refused(() -> invoke(server, CHECKPOINTER, "checkpoint"));
    }
    loginRefused(() -> JMXConnectorFactory.connect(url(tls), tlsEnvironment("operator", WRONG_PASSWORD)).close());
    assertThrows(IOException.class,
        () -> JMXConnectorFactory.connect(url(tls), credentials("operator", OPERATOR_PASSWORD)).close(),
        "a client in clear does not get through");
  }

  /** JConsole, given host:port, looks the registry up over TLS and then checks the stub speaks TLS too. */
  @Test
  void theRegistryAndTheStubItHandsOutSpeakTls() throws Exception {
    int port = SiteConfigLoader.load(tls, home).jmxPort();
    RMIServer stub = (RMIServer) LocateRegistry.getRegistry("127.0.0.1", port, new SslRMIClientSocketFactory())
        .lookup("jmxrmi");
    Map<String, Object> environment = credentials("operator", OPERATOR_PASSWORD);
    environment.put("jmx.remote.x.check.stub", "true");
    try (RMIConnector connector = new RMIConnector(stub, environment)) {
      connector.connect(environment);
      assertEquals("PRIMARY", connector.getMBeanServerConnection().getAttribute(MASTER, "Role"));
    }
  }

  @Test
  void fsadminSpeaksTlsWhenTheConfigurationSaysSoAndFailsInClear() throws Exception {
    QuireCommand.Result report = fsadmin(tls, "report", "--user", "operator", "--password-file", pw("operator"),
        "--truststore", secrets.resolve("trust.p12").toString(), "--truststore-password-file", pw("client-truststore"));
    assertEquals(0, report.exit(), report::toString);
    assertTrue(report.out().contains("PRIMARY"), report::toString);

    QuireCommand.Result untrusted = fsadmin(tls, "report", "--user", "operator", "--password-file", pw("operator"));
    assertEquals(1, untrusted.exit(), "the JVM's own trust does not know the test certificate: " + untrusted);
    QuireCommand.Result wrongStorePassword = fsadmin(tls, "report", "--user", "operator", "--password-file",
        pw("operator"), "--truststore", secrets.resolve("trust.p12").toString(), "--truststore-password-file", pw("wrong"));
    assertEquals(2, wrongStorePassword.exit(), wrongStorePassword::toString);
    assertTrue(wrongStorePassword.err().contains("wrong password"), wrongStorePassword::toString);

    QuireCommand.Result inClear = fsadmin(tls, "report", "--url", url(tls).toString(), "--user", "operator",
        "--password-file", pw("operator"));
    assertEquals(1, inClear.exit(), inClear::toString);
  }

  @Test
  void aMasterThatNeedsClientCertificatesRefusesClientsWithoutOne() throws Exception {
    try (JMXConnector connector = JMXConnectorFactory.connect(url(mutual), tlsEnvironment(null, null))) {
      assertEquals("PRIMARY", connector.getMBeanServerConnection().getAttribute(MASTER, "Role"));
    }
    String[] trust = {"--truststore", secrets.resolve("trust.p12").toString(),
        "--truststore-password-file", pw("client-truststore")};
    QuireCommand.Result withoutCertificate = fsadmin(mutual, concat(new String[] {"report"}, trust));
    assertEquals(1, withoutCertificate.exit(), withoutCertificate::toString);
    QuireCommand.Result withCertificate = fsadmin(mutual, concat(concat(new String[] {"report"}, trust),
        "--keystore", secrets.resolve("client.p12").toString(), "--keystore-password-file", pw("client-keystore")));
    assertEquals(0, withCertificate.exit(), withCertificate::toString);
  }

  // --- configurations that must not start ---

  @Test
  void aNonLoopbackHostWithoutPasswordFileIsAStartUpError() throws Exception {
    Path conf = quire.configure("exposed", "quire.jmx.host=0.0.0.0");
    QuireCommand.Result start = quire.run(conf, "start");
    assertEquals(2, start.exit(), start::toString);
    assertTrue(start.err().contains("quire.jmx.password.file") && start.err().contains("quire.jmx.host=0.0.0.0"),
        start::toString);
  }

  @Test
  void unsafeOrBrokenSecurityFilesAreStartUpErrorsNamingKeyAndFile() throws Exception {
    Path open = Files.write(secrets.resolve("open.password"), List.of("operator " + OPERATOR_PASSWORD));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    QuireCommand.Result readable = quire.run(quire.configure("readable", "quire.jmx.password.file=" + open,
        "quire.jmx.access.file=" + secrets.resolve("jmx.access")), "start");
    assertEquals(2, readable.exit(), readable::toString);
    assertTrue(readable.err().contains("quire.jmx.password.file=" + open) && readable.err().contains("chmod 600"),
        readable::toString);

    QuireCommand.Result noRoles = quire.run(quire.configure("no-roles",
        "quire.jmx.password.file=" + secrets.resolve("jmx.password")), "start");
    assertEquals(2, noRoles.exit(), noRoles::toString);
    assertTrue(noRoles.err().contains("quire.jmx.access.file"), noRoles::toString);

    Path wrong = secretFile("wrong-keystore.pw", WRONG_PASSWORD);
    QuireCommand.Result badKeyStore = quire.run(quire.configure("bad-keystore", "quire.jmx.ssl.enabled=true",
        "quire.jmx.ssl.keystore=" + secrets.resolve("master.p12"), "quire.jmx.ssl.keystore.password.file=" + wrong),
        "start");
    commandResults.add(badKeyStore);
    assertEquals(2, badKeyStore.exit(), badKeyStore::toString);
    assertTrue(badKeyStore.err().contains("quire.jmx.ssl.keystore=" + secrets.resolve("master.p12"))
        && badKeyStore.err().contains("wrong password"), badKeyStore::toString);
  }

  // --- helpers ---

  private Path startMaster(String name, String... lines) throws Exception {
    Path conf = quire.configure(name, concat(lines,
        "alluxio.master.journal.folder=" + home.resolve(name + "-journal"),
        "alluxio.master.mount.table.root.ufs=" + home.resolve(name + "-ufs")));
    QuireCommand.Result format = quire.run(conf, "format");
    assertEquals(0, format.exit(), format::toString);
    started.add(conf);
    QuireCommand.Result start = quire.run(conf, "start");
    commandResults.add(start);
    assertEquals(0, start.exit(), start::toString);
    return conf;
  }

  private QuireCommand.Result fsadmin(Path conf, String... args) throws Exception {
    QuireCommand.Result result = quire.run(conf, concat(new String[] {"fsadmin"}, args));
    commandResults.add(result);
    return result;
  }

  private JMXServiceURL url(Path conf) throws Exception {
    return new JMXServiceURL(SiteConfigLoader.load(conf, home).jmxServiceUrl());
  }

  private JMXConnector connect(Path conf, String user, String password) throws Exception {
    return JMXConnectorFactory.connect(url(conf), credentials(user, password));
  }

  private static Map<String, Object> credentials(String user, String password) {
    Map<String, Object> environment = new HashMap<>();
    if (user != null) {
      environment.put(JMXConnector.CREDENTIALS, new String[] {user, password});
    }
    return environment;
  }

  /** As fsadmin --tls does it: the registry over TLS, and only a stub that speaks TLS accepted. */
  private static Map<String, Object> tlsEnvironment(String user, String password) {
    Map<String, Object> environment = credentials(user, password);
    environment.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
    environment.put("jmx.remote.x.check.stub", "true");
    return environment;
  }

  private static Object invoke(MBeanServerConnection server, ObjectName name, String operation, Object... args)
      throws Exception {
    String[] signature = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      signature[i] = args[i] instanceof Long ? long.class.getName() : args[i].getClass().getName();
    }
    return server.invoke(name, operation, args, signature);
  }

  private static void refused(Executable call) {
    SecurityException e = assertThrows(SecurityException.class, call);
    assertTrue(e.getMessage().contains("Access denied"), e.getMessage());
  }

  private static void loginRefused(Executable login) {
    SecurityException e = assertThrows(SecurityException.class, login);
    assertTrue(e.getMessage().contains("Authentication failed"), e.getMessage());
  }

  private static ObjectName only(MBeanServerConnection server, String pattern) throws Exception {
    var names = server.queryNames(new ObjectName(pattern), null);
    assertEquals(1, names.size(), pattern + ": " + names);
    return names.iterator().next();
  }

  private static long bundleId(MBeanServerConnection server, ObjectName bundleState, String symbolicName)
      throws Exception {
    TabularData all = (TabularData) invoke(server, bundleState, "listBundles");
    for (Object row : all.values()) {
      CompositeData bundle = (CompositeData) row;
      if (symbolicName.equals(bundle.get("SymbolicName"))) {
        return (Long) bundle.get("Identifier");
      }
    }
    throw new AssertionError("no bundle " + symbolicName);
  }

  private long backupFiles(Path conf) throws IOException {
    Path folder = home.resolve(conf.getFileName() + "-ufs").resolve("alluxio_backups");
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> BackupFiles.isBackupName(p.getFileName().toString())).count();
    }
  }

  /** Every server log of this test's masters, and the attempts that did not start. */
  private String logs() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(home.resolve("logs"))) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        all.append(Files.readString(log));
      }
    }
    return all.toString();
  }

  private static void assertNoSecretIn(String text) {
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), "a password appears: " + secret);
    }
  }

  private String pw(String name) {
    return secrets.resolve(name + ".pw").toString();
  }

  /** A file that only its owner may read, as the master demands of files holding passwords. */
  private Path secretFile(String name, String... lines) throws IOException {
    Path file = Files.write(secrets.resolve(name), List.of(lines));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /**
   * With the running JDK's keytool: the master's key pair (self-signed), a trust store of its
   * certificate for clients, a client key pair and the master's trust store of that certificate.
   */
  private void makeStores() throws Exception {
    keytool("-genkeypair", "-alias", "quire-jmx", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", secrets.resolve("master.p12").toString(), "-storepass", KEYSTORE_PASSWORD);
    keytool("-exportcert", "-alias", "quire-jmx", "-rfc", "-file", secrets.resolve("master.crt").toString(),
        "-keystore", secrets.resolve("master.p12").toString(), "-storepass", KEYSTORE_PASSWORD);
    keytool("-importcert", "-noprompt", "-alias", "quire-jmx", "-file", secrets.resolve("master.crt").toString(),
        "-storetype", "PKCS12", "-keystore", secrets.resolve("trust.p12").toString(), "-storepass", TRUSTSTORE_PASSWORD);
    keytool("-genkeypair", "-alias", "fsadmin", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=fsadmin", "-storetype", "PKCS12",
        "-keystore", secrets.resolve("client.p12").toString(), "-storepass", CLIENT_KEYSTORE_PASSWORD);
    keytool("-exportcert", "-alias", "fsadmin", "-rfc", "-file", secrets.resolve("client.crt").toString(),
        "-keystore", secrets.resolve("client.p12").toString(), "-storepass", CLIENT_KEYSTORE_PASSWORD);
    keytool("-importcert", "-noprompt", "-alias", "fsadmin", "-file", secrets.resolve("client.crt").toString(),
        "-storetype", "PKCS12", "-keystore", secrets.resolve("clients.p12").toString(), "-storepass", TRUSTSTORE_PASSWORD);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
    assertEquals(0, process.exitValue(), output);
  }

  /** Trusts the master's certificate and presents the client's. */
  private SSLContext clientContext() throws Exception {
    KeyStore trust = KeyStore.getInstance(new File(secrets.resolve("trust.p12").toString()),
        TRUSTSTORE_PASSWORD.toCharArray());
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    KeyStore keys = KeyStore.getInstance(new File(secrets.resolve("client.p12").toString()),
        CLIENT_KEYSTORE_PASSWORD.toCharArray());
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, CLIENT_KEYSTORE_PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  private static ObjectName name(String text) {
    try {
      return new ObjectName(text);
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
