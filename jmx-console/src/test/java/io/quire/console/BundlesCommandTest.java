package io.quire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.quire.console.ConsoleRun.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fsadmin bundles list|start|stop|update} against fake Aries JMX framework MBeans. */
class BundlesCommandTest {
  private final FakeOsgi.Bundles bundles = new FakeOsgi.Bundles();
  private FakeMaster master;

  @TempDir
  Path temp;

  @BeforeEach
  void startMaster() throws Exception {
    master = FakeMaster.start().withOsgi(bundles);
  }

  @AfterEach
  void stopMaster() throws IOException {
    master.close();
  }

  @Test
  void listPrintsIdStateSymbolicNameAndVersionSortedById() {
    Result bare = fsadmin("bundles", "--url", master.url());
    Result list = fsadmin("bundles", "list", "--url", master.url());

    assertEquals(0, bare.exit(), bare::toString);
    assertEquals(bare.out(), list.out());
    assertEquals(List.of(
        "ID  State     Symbolic name               Version",
        "0   ACTIVE    org.apache.felix.framework  7.0.5",
        "5   ACTIVE    org.apache.aries.jmx.core   1.1.8",
        "20  ACTIVE    quire-daily-backup          0.1.0.SNAPSHOT",
        "29  ACTIVE    quire-storage-local         0.1.0.SNAPSHOT",
        "31  RESOLVED  quire-broken                1.0.0",
        "40  ACTIVE    twice                       1.0.0",
        "41  ACTIVE    twice                       2.0.0"), bare.out().lines().toList());
    assertEquals("listBundles[Identifier, SymbolicName, Version, State]", bundles.calls.get(0),
        "only the four items are asked for");
  }

  @Test
  void listAsJsonIsAnArrayOfBundles() throws Exception {
    Result result = fsadmin("bundles", "list", "--json", "--url", master.url());

    assertEquals(0, result.exit(), result::toString);
    List<Object> listed = JSON.std.listFrom(result.out());
    assertEquals(7, listed.size());
    assertEquals(Map.of("id", 0, "state", "ACTIVE", "symbolicName", "org.apache.felix.framework", "version", "7.0.5"),
        listed.get(0));
    assertEquals(Map.of("id", 31, "state", "RESOLVED", "symbolicName", "quire-broken", "version", "1.0.0"),
        listed.get(4));
  }

  @Test
  void stopAndStartByNameOrIdPrintTheNewState() throws Exception {
    Result stopped = fsadmin("bundles", "stop", "quire-daily-backup", "--url", master.url());
    Result started = fsadmin("bundles", "start", "20", "--json", "--url", master.url());

    assertEquals(0, stopped.exit(), stopped::toString);
    assertEquals(Map.of("ID", "20", "State", "RESOLVED", "Symbolic name", "quire-daily-backup",
        "Version", "0.1.0.SNAPSHOT"), stopped.lines());
    assertEquals(0, started.exit(), started::toString);
    assertEquals(Map.of("id", 20, "state", "ACTIVE", "symbolicName", "quire-daily-backup", "version", "0.1.0.SNAPSHOT"),
        JSON.std.mapFrom(started.out()));
    assertTrue(bundles.calls.containsAll(List.of("stopBundle 20", "startBundle 20")), bundles.calls::toString);
  }

  @Test
  void anUnknownBundleExitsOneNamingIt() {
    Result byName = fsadmin("bundles", "start", "quire-nothing", "--url", master.url());
    Result byId = fsadmin("bundles", "stop", "99", "--url", master.url());

    assertEquals(1, byName.exit());
    assertEquals(List.of("fsadmin bundles start: no bundle named 'quire-nothing' at " + master.url()
        + " (fsadmin bundles list shows them)"), byName.errLines());
    assertEquals(1, byId.exit());
    assertEquals(List.of("fsadmin bundles stop: no bundle with id 99 at " + master.url()
        + " (fsadmin bundles list shows them)"), byId.errLines());
  }

  @Test
  void aNameOfSeveralBundlesExitsOneAskingForTheId() {
    Result result = fsadmin("bundles", "stop", "twice", "--url", master.url());

    assertEquals(1, result.exit());
    assertEquals("fsadmin bundles stop: several bundles are named 'twice' (ids [40, 41]): give the id",
        result.err().strip());
    assertTrue(bundles.calls.stream().noneMatch(call -> call.startsWith("stopBundle")), bundles.calls::toString);
  }

  @Test
  void theFrameworkItselfIsNeitherStoppedNorUpdated() throws Exception {
    Result stop = fsadmin("bundles", "stop", "0", "--url", master.url());
    Result update = fsadmin("bundles", "update", "org.apache.felix.framework",
        bundleJar("framework.jar", "org.apache.felix.framework", "7.0.6").toString(), "--url", master.url());

    assertEquals(2, stop.exit(), stop::toString);
    assertTrue(stop.err().contains("bin/quire stop"), stop::toString);
    assertEquals(2, update.exit(), update::toString);
    assertTrue(bundles.calls.stream().allMatch(call -> call.startsWith("listBundles")), bundles.calls::toString);
  }

  @Test
  void aFailureWhoseExceptionOnlyTheServerKnowsExitsOneNamingItsClass() throws Exception {
    bundles.serverOnly = serverOnlyException();

    Result result = fsadmin("bundles", "start", FakeOsgi.BROKEN, "--url", master.url());

    assertEquals(1, result.exit(), result::toString);
    assertEquals(List.of("fsadmin bundles start: cannot start bundle 31 (quire-broken): the master answered with"
        + " hidden.ServerOnlyException, a class this client does not have (the master's log may say more)"),
        result.errLines());
  }

  @Test
  void updateSendsTheJarAsAFileUrlAndPrintsTheNewVersion() throws Exception {
    Path jar = bundleJar("daily.jar", "quire-daily-backup;singleton:=true", "0.2.0");

    Result human = fsadmin("bundles", "update", "quire-daily-backup", jar.toString(), "--url", master.url());
    Result json = fsadmin("bundles", "update", "20", jar.toString(), "--json", "--url", master.url());

    assertEquals(0, human.exit(), human::toString);
    assertTrue(bundles.calls.contains("updateBundleFromURL 20 " + jar.toUri()), bundles.calls::toString);
    assertEquals("0.2.0", human.lines().get("Version"));
    assertEquals("ACTIVE", human.lines().get("State"));
    assertEquals(jar.toUri().toString(), human.lines().get("Updated from"));
    assertEquals(0, json.exit(), json::toString);
    Map<String, Object> values = JSON.std.mapFrom(json.out());
    assertEquals(20, values.get("id"));
    assertEquals("0.2.0", values.get("version"));
    assertEquals(jar.toUri().toString(), values.get("updatedFrom"));
  }

  @Test
  void updateChecksTheJarBeforeConnecting() throws Exception {
    // the URL reaches nothing: each of these must fail on the file alone
    String nowhere = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + FakeMaster.freePort() + "/jmxrmi";
    Path text = Files.writeString(temp.resolve("notes.jar"), "not a jar");
    Path plainJar = jar("plain.jar", new Manifest());

    Result missing = fsadmin("bundles", "update", "20", temp.resolve("gone.jar").toString(), "--url", nowhere);
    Result folder = fsadmin("bundles", "update", "20", temp.toString(), "--url", nowhere);
    Result notAJar = fsadmin("bundles", "update", "20", text.toString(), "--url", nowhere);
    Result notABundle = fsadmin("bundles", "update", "20", plainJar.toString(), "--url", nowhere);

    assertEquals(List.of("fsadmin bundles update: no such file: " + temp.resolve("gone.jar")), missing.errLines());
    assertEquals(List.of("fsadmin bundles update: " + temp + " is not a file (give the bundle's jar)"),
        folder.errLines());
    assertEquals(List.of("fsadmin bundles update: " + text + " is not a readable jar: zip END header not found"
        + " (ZipException)"), notAJar.errLines());
    assertEquals(List.of("fsadmin bundles update: " + plainJar + " is not an OSGi bundle: its manifest has no"
        + " Bundle-SymbolicName"), notABundle.errLines());
    for (Result result : List.of(missing, folder, notAJar, notABundle)) {
      assertEquals(2, result.exit(), result::toString);
    }
  }

  @Test
  void updateRefusesTheJarOfAnotherBundle() throws Exception {
    Path other = bundleJar("storage.jar", "quire-storage-local", "0.2.0");

    Result result = fsadmin("bundles", "update", "quire-daily-backup", other.toString(), "--url", master.url());

    assertEquals(2, result.exit(), result::toString);
    assertEquals(List.of("fsadmin bundles update: " + other + " holds bundle quire-storage-local 0.2.0, not bundle 20"
        + " (quire-daily-backup): nothing was updated"), result.errLines());
    assertTrue(bundles.calls.stream().noneMatch(call -> call.startsWith("update")), bundles.calls::toString);
  }

  @Test
  void aMasterWithoutTheFrameworkMBeansExitsOne() throws Exception {
    try (FakeMaster bare = FakeMaster.start().withCoreMBeans()) {
      Result result = fsadmin("bundles", "--url", bare.url());

      assertEquals(1, result.exit());
      assertEquals("fsadmin bundles: this master has no OSGi framework MBean"
          + " (osgi.core:type=framework,version=1.7,*): is the bundle org.apache.aries.jmx.core active?",
          result.err().strip());
    }
  }

  private Path bundleJar(String fileName, String symbolicName, String version) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
    manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
    manifest.getMainAttributes().putValue("Bundle-Version", version);
    return jar(fileName, manifest);
  }

  private Path jar(String fileName, Manifest manifest) throws IOException {
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    Path jar = temp.resolve(fileName);
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new ZipEntry("readme.txt"));
      out.write("a bundle for tests".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  /**
   * An exception of a class that the test's class path lacks, as the master's OSGi exceptions are
   * to the console: compiled here and loaded by a class loader of its own.
   */
  private Exception serverOnlyException() throws Exception {
    Path source = Files.createDirectories(temp.resolve("src/hidden")).resolve("ServerOnlyException.java");
    Files.writeString(source, "package hidden; public class ServerOnlyException extends Exception {"
        + " public ServerOnlyException(String m) { super(m); } }");
    Path classes = Files.createDirectories(temp.resolve("classes"));
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        source.toString()));
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    return (Exception) loader.loadClass("hidden.ServerOnlyException").getConstructor(String.class)
        .newInstance("Unable to resolve quire-broken");
  }

  private static Result fsadmin(String... args) {
    return ConsoleRun.fsadmin(Map.of(), args);
  }
}
