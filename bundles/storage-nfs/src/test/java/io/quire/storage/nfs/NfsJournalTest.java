package io.quire.storage.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.journal.internal.SegmentedJournal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real journal ({@link SegmentedJournal}) on a real NFS server, written by a master process
 * that is killed with SIGKILL in the middle of its writes.
 */
@Timeout(300)
class NfsJournalTest {
  @RegisterExtension
  static final NfsServer SERVER = new NfsServer();

  private static final int ACKS_BEFORE_KILL = 600;

  private final Mounts mounts = new Mounts();

  @AfterEach
  void closeMounts() {
    mounts.close();
  }

  /**
   * A master that takes the folder over from a holder that may still be running (here a record
   * of another host, expired) waits out its window, then writes the open log anew before
   * appending to it: same entries, another file on the server. A master taking over from a dead
   * process (or a clean stop) leaves the file as it is.
   */
  @Test
  void aTakeOverFromAHolderThatMayStillRunWritesTheOpenLogAnew(TestInfo test) throws Exception {
    URI folder = SERVER.folder("quire/" + test.getTestMethod().orElseThrow().getName());
    NfsJournalStorage first = mounts.master(folder);
    io.quire.journal.JournalFolder.format(first, Clock.systemUTC());
    SegmentedJournal.Options options = new SegmentedJournal.Options(1 << 20, 1_000, 1 << 20);
    try (SegmentedJournal journal = new SegmentedJournal(first, options, Clock.systemUTC())) {
      journal.recover((seq, entry) -> { });
      for (int i = 1; i <= 10; i++) {
        journal.awaitDurable(journal.append(("entry-" + i).getBytes(StandardCharsets.UTF_8)));
      }
    }
    String open = first.list().stream().filter(n -> n.endsWith(".open")).findFirst().orElseThrow();
    Path onServer = SERVER.backing().resolve("quire")
        .resolve(test.getTestMethod().orElseThrow().getName()).resolve(open);
    Object fileBefore = java.nio.file.Files.getAttribute(onServer, "unix:ino");
    // a holder on another host whose lease expired: paused, perhaps, not known dead
    first.writeAtomically(io.quire.journal.JournalFormat.HOLDER, ("holder.id=paused\n"
        + "host=elsewhere.example\npid=1\nstarted=2026-11-29T00:00:00Z\nheartbeat.millis="
        + (System.currentTimeMillis() - 60_000) + "\nlease.millis=1000\n")
        .getBytes(StandardCharsets.UTF_8));

    List<String> replayed = new ArrayList<>();
    NfsJournalStorage second = mounts.master(folder);
    try (SegmentedJournal journal = new SegmentedJournal(second, options, Clock.systemUTC())) {
      journal.recover((seq, entry) -> replayed.add(NfsOutageTest.text(entry)));
      journal.awaitDurable(journal.append("entry-11".getBytes(StandardCharsets.UTF_8)));
    }
    Object fileAfter = java.nio.file.Files.getAttribute(onServer, "unix:ino");

    assertEquals(10, replayed.size());
    assertTrue(!fileBefore.equals(fileAfter), "the open log is another file now");
    List<String> all = new ArrayList<>();
    try (SegmentedJournal journal = new SegmentedJournal(mounts.master(folder), options,
        Clock.systemUTC())) {
      journal.recover((seq, entry) -> all.add(NfsOutageTest.text(entry)));
      assertEquals(fileAfter, java.nio.file.Files.getAttribute(onServer, "unix:ino"),
          "after a clean stop, the next master appends to the open log as it is");
    }
    assertEquals(11, all.size());
    assertEquals("entry-11", all.get(10));
  }

  /**
   * Four writer threads in another process append and print each entry once it is durable; the
   * process is killed with SIGKILL while they write. The next master replays sequences 1 to N
   * without a gap, every acknowledged entry among them under its sequence number, takes the
   * folder over (the holder names a dead process) and goes on numbering after N.
   */
  @Test
  void aKilledMastersAcknowledgedEntriesAreAllReplayed(TestInfo test) throws Exception {
    URI folder = SERVER.folder("quire/" + test.getTestMethod().orElseThrow().getName());
    Map<Long, String> acknowledged = new HashMap<>();
    Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        NfsJournalWriterProcess.class.getName(), folder.toString(), "4")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          String[] parts = line.split(" ", 3);
          acknowledged.put(Long.parseLong(parts[1]), parts[2]);
          if (acknowledged.size() == ACKS_BEFORE_KILL) {
            // SIGKILL, its writers in the middle of their appends (through the handle, which
            // leaves the pipe open: what the writer printed before it died is still read)
            writer.toHandle().destroyForcibly();
          }
        }
      }
    } finally {
      writer.destroyForcibly();
      writer.waitFor();
    }
    assertTrue(acknowledged.size() >= ACKS_BEFORE_KILL, "the writer died early: "
        + acknowledged.size() + " acknowledgements");

    NfsJournalStorage next = mounts.master(folder);
    List<Long> sequences = new ArrayList<>();
    Map<Long, String> replayed = new HashMap<>();
    try (SegmentedJournal journal = new SegmentedJournal(next,
        new SegmentedJournal.Options(4096, 10_000, 1 << 20), Clock.systemUTC())) {
      journal.recover((seq, entry) -> {
        sequences.add(seq);
        replayed.put(seq, NfsOutageTest.text(entry));
      });
      long after = journal.append("after takeover".getBytes(StandardCharsets.UTF_8));
      journal.awaitDurable(after);
      assertEquals(sequences.size() + 1, after, "numbering goes on after the replayed entries");
    }
    for (int i = 0; i < sequences.size(); i++) {
      assertEquals(i + 1, sequences.get(i), "sequence numbers are contiguous from 1");
    }
    for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
      assertEquals(ack.getValue(), replayed.get(ack.getKey()),
          "acknowledged entry " + ack.getKey() + " is replayed as it was written");
    }
    assertTrue(next.list().stream().filter(n -> n.startsWith("log-")).count() > 1,
        "the 4 KB log size rolled: " + next.list());
  }
}
