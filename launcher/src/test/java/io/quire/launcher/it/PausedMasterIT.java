package io.quire.launcher.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.JournalFormat;
import io.quire.storage.nfs.NfsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master paused (SIGSTOP) for longer than its holder lease on an NFS journal, taken over by a
 * master of another home, then woken (SIGCONT) with a client's mkdir waiting in it: the woken
 * master must neither acknowledge that mkdir nor write it into the log the new master appends
 * to. Real processes on a real NFS server (nfs-ganesha on 127.0.0.1); on local disk the OS lock
 * keeps a second master out while the first process exists, so NFS is where this can happen.
 */
class PausedMasterIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @RegisterExtension
  static final NfsServer NFS = new NfsServer();

  @TempDir
  Path root;

  private QuireCommand first;
  private QuireCommand second;
  private Path firstConf;
  private Path secondConf;
  private long pausedPid;

  @AfterEach
  void stopEverything() throws Exception {
    if (pausedPid != 0) {
      signal("CONT", pausedPid);
    }
    if (second != null) {
      second.run(secondConf, "stop");
      second.killLeftovers();
    }
    if (first != null) {
      first.run(firstConf, "stop");
      first.killLeftovers();
    }
  }

  @Test
  void aMasterWokenAfterItsFolderWasTakenOverAcknowledgesAndWritesNothing() throws Exception {
    String folder = NFS.folder("paused").toString();
    Path holderFile = NFS.backing().resolve(folder.substring(folder.lastIndexOf('/') + 1))
        .resolve(JournalFormat.HOLDER);
    first = new QuireCommand(Files.createDirectories(root.resolve("first")));
    firstConf = first.configure("conf", "alluxio.master.journal.folder=" + folder);
    assertEquals(0, first.run(firstConf, "format").exit());
    assertEquals(0, first.run(firstConf, "start").exit());
    first.mkdirs(firstConf, "/acked", 20);

    pausedPid = first.pidOf(firstConf);
    signal("STOP", pausedPid);
    // the kernel takes this request into the stopped master's socket; it waits there
    QuireCommand.Running waiting = first.spawn(firstConf, "", "fs", "mkdir", "/while-paused");
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> System.currentTimeMillis() > expiry(holderFile) + 500);

    second = new QuireCommand(Files.createDirectories(root.resolve("second")));
    secondConf = second.configure("conf", "alluxio.master.journal.folder=" + folder);
    QuireCommand.Result takeOver = second.run(secondConf, "start");
    assertEquals(0, takeOver.exit(), takeOver::toString);
    String secondLog = Files.readString(second.logFile(secondConf));
    assertTrue(secondLog.contains("Taking over journal folder"), secondLog);
    assertTrue(secondLog.contains("may still be running"), "waited out the paused master's "
        + "window: " + secondLog);
    second.mkdirs(secondConf, "/after", 5);

    signal("CONT", pausedPid);
    pausedPid = 0;
    QuireCommand.Result woken = waiting.result();
    assertNotEquals(0, woken.exit(), "the woken master acknowledged a write: " + woken);
    await().atMost(PATIENCE).until(() -> Files.readString(first.logFile(firstConf))
        .contains("lost the journal folder"));

    String listing = second.run(secondConf, "fs", "ls", "-R", "/").out();
    for (int i = 0; i < 20; i++) {
      assertTrue(listing.contains("/acked" + i + "\n") || listing.endsWith("/acked" + i),
          "acknowledged before the pause: /acked" + i + " in " + listing);
    }
    assertFalse(listing.contains("/while-paused"), listing);
    second.mkdirs(secondConf, "/later", 5);
    String before = second.run(secondConf, "fs", "ls", "-R", "/").out();

    // a restart of the new master replays a log the woken one did not write into
    assertEquals(0, second.run(secondConf, "stop").exit());
    QuireCommand.Result verify = second.run(secondConf, "journal", "verify", folder);
    assertEquals(0, verify.exit(), verify::toString);
    assertEquals(0, second.run(secondConf, "start").exit());
    assertEquals(before, second.run(secondConf, "fs", "ls", "-R", "/").out());
  }

  /** When the holder record stops binding: its last heartbeat plus its lease. */
  private static long expiry(Path holderFile) throws IOException {
    Properties record = new Properties();
    try (var in = Files.newInputStream(holderFile)) {
      record.load(in);
    }
    return Long.parseLong(record.getProperty("heartbeat.millis"))
        + Long.parseLong(record.getProperty("lease.millis"));
  }

  private static void signal(String name, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid);
  }
}
