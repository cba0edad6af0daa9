package io.quire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.console.ConsoleRun.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit code 3 for a master that refuses: the JDK's file access controller (what
 * {@code quire.jmx.access.file} turns on) throws {@link SecurityException} on the server for an
 * operation a {@code readonly} user invokes, and for every call of a user it has no line for.
 */
class AccessDeniedTest {
  private FakeMaster master;
  private final Map<String, String> environment = new HashMap<>();

  @TempDir
  Path temp;

  @BeforeEach
  void startMaster() throws Exception {
    master = FakeMaster.withAccessFiles(temp,
        Map.of("admin", "admin-pw", "monitor", "monitor-pw", "nobody", "nobody-pw"),
        Map.of("admin", "readwrite", "monitor", "readonly"))
        .withAllMBeans(new FakeMBeans.BackupBean())
        .withOsgi(new FakeOsgi.Bundles());
  }

  @AfterEach
  void stopMaster() throws Exception {
    master.close();
  }

  @Test
  void aReadOnlyUserReadsStatusButInvokingAnOperationExitsThreeNamingUserAndMBean() throws Exception {
    Result report = fsadmin("monitor", "monitor-pw", "report");
    Result storage = fsadmin("monitor", "monitor-pw", "storage", "--json");
    Result backup = fsadmin("monitor", "monitor-pw", "backup");
    Result bundles = fsadmin("monitor", "monitor-pw", "bundles", "list");

    assertEquals(0, report.exit(), report::toString);
    assertEquals(0, storage.exit(), storage::toString);
    assertEquals(3, backup.exit(), backup::toString);
    assertEquals(List.of("fsadmin backup: access denied at " + master.url()
        + ": user 'monitor' may not invoke backup on quire:type=Backup"), backup.errLines());
    assertEquals(3, bundles.exit(), bundles::toString);
    assertEquals(List.of("fsadmin bundles list: access denied at " + master.url()
        + ": user 'monitor' may not invoke listBundles on " + FakeOsgi.BUNDLE_STATE), bundles.errLines());
  }

  @Test
  void everyOperationIsRefusedWithExitThreeAndOneLine() {
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("fsadmin checkpoint", List.of("checkpoint"));
    commands.put("fsadmin move-journal", List.of("move-journal", "/elsewhere"));
    commands.put("fsadmin daily-backup run-now", List.of("daily-backup", "run-now"));
    commands.put("fsadmin restore validate", List.of("restore", "validate", FakeMBeans.RestoreBean.GOOD));
    commands.put("fsadmin bundles stop", List.of("bundles", "stop", "20"));
    for (Map.Entry<String, List<String>> command : commands.entrySet()) {
      Result result = fsadmin("monitor", "monitor-pw", command.getValue().toArray(String[]::new));

      assertEquals(3, result.exit(), command.getKey() + ": " + result);
      assertEquals(1, result.errLines().size(), result::toString);
      assertTrue(result.err().startsWith(command.getKey() + ": access denied at " + master.url()
          + ": user 'monitor' may not invoke "), result::toString);
    }
  }

  @Test
  void aUserWithoutAnAccessLevelIsRefusedEvenReading() {
    Result result = fsadmin("nobody", "nobody-pw", "report");

    assertEquals(3, result.exit(), result::toString);
    assertEquals(List.of("fsadmin report: access denied at " + master.url()
        + ": user 'nobody' may not query quire:*"), result.errLines());
  }

  @Test
  void aReadWriteUserMayInvoke() {
    Result backup = fsadmin("admin", "admin-pw", "backup");
    Result bundles = fsadmin("admin", "admin-pw", "bundles", "list", "--json");

    assertEquals(0, backup.exit(), backup::toString);
    assertEquals(0, bundles.exit(), bundles::toString);
  }

  @Test
  void aWrongPasswordOrNoneExitsThree() {
    Result wrong = fsadmin("admin", "guess", "report");
    Result none = ConsoleRun.fsadmin(environment, "report", "--url", master.url());

    assertEquals(3, wrong.exit(), wrong::toString);
    assertTrue(wrong.err().startsWith("fsadmin report: authentication failed at " + master.url() + ": "),
        wrong::toString);
    assertFalse(wrong.err().contains("guess") || wrong.out().contains("guess"), "the password is never printed");
    assertEquals(3, none.exit(), none::toString);
    assertTrue(none.err().startsWith("fsadmin report: authentication failed at " + master.url() + ": "),
        none::toString);
  }

  private Result fsadmin(String user, String password, String... args) {
    Path file = temp.resolve(user + ".pw");
    try {
      Files.writeString(file, password + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", master.url(), "--user", user, "--password-file", file.toString()));
    return ConsoleRun.fsadmin(environment, all.toArray(String[]::new));
  }
}
