package io.quire.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.backup.BackupFiles;
import io.quire.master.internal.BenchJournalWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real master killed with SIGKILL while it writes a backup: no file under a backup's name is
 * left (only the temporary one), and the next backup into that directory removes the temporary
 * file and writes a good backup.
 */
class BackupKillIT {
  private static final long INODES = 1_000_000; // a backup of them takes about a second

  @TempDir
  Path work;

  @Test
  void killNineDuringABackupLeavesNoPartialBackup() throws Exception {
    BenchJournalWriter.write(work.resolve("journal"), INODES);
    Path backups = work.resolve("underFSStorage").resolve("alluxio_backups");
    try (MasterProcess master = new MasterProcess(new QuireHome(Path.of(System.getenv(
        "QUIRE_HOME"))), QuireHome.writeConf(work, ""))) {
      master.start(Duration.ofMinutes(3));
      Process backup = master.command("fsadmin", "backup").redirectErrorStream(true)
          .redirectOutput(work.resolve("backup.out").toFile()).start();
      Path temporary = awaitTemporary(backups, backup);
      master.kill();
      backup.waitFor(60, TimeUnit.SECONDS);
      List<String> left = names(backups);
      assertTrue(left.stream().noneMatch(BackupFiles::isBackupName),
          "a partial backup under a backup's name: " + left);
      assertTrue(left.contains(temporary.getFileName().toString()), left::toString);

      master.start(Duration.ofMinutes(3));
      Commands.Result again = master.run(Duration.ofMinutes(2), "fsadmin", "backup");
      String out = again.requireSuccess();
      List<String> after = names(backups);
      assertEquals(1, after.size(), after::toString);
      assertTrue(BackupFiles.isBackupName(after.get(0)), after::toString);
      assertTrue(out.contains(String.valueOf(INODES + 1)), out); // the root and the directories
      try (InputStream in = Files.newInputStream(backups.resolve(after.get(0)))) {
        assertEquals(INODES + 1, BackupFiles.check(in, after.get(0)).entries());
      }
      master.stop();
    }
  }

  /** Waits until the backup's temporary file exists (and the backup has not finished yet). */
  private static Path awaitTemporary(Path dir, Process backup) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      for (String name : names(dir)) {
        if (name.endsWith(".tmp")) {
          return dir.resolve(name);
        }
        if (BackupFiles.isBackupName(name)) {
          throw new AssertionError("the backup finished before the kill: " + name);
        }
      }
      if (!backup.isAlive()) {
        throw new AssertionError("fsadmin backup ended before a temporary file appeared");
      }
      Thread.sleep(2);
    }
    throw new AssertionError("no backup temporary file appeared in " + dir);
  }

  private static List<String> names(Path dir) throws IOException {
    if (Files.notExists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
