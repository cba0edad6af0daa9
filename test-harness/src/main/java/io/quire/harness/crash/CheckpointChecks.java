package io.quire.harness.crash;

import io.quire.client.FileEntry;
import io.quire.client.QuireClient;
import io.quire.harness.Commands;
import io.quire.harness.Invariant;
import io.quire.harness.MasterProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The checkpoint mode's invariants, on top of the plain scenario's:
 * <ul>
 *   <li>{@code FolderValidAfterKill}: {@code bin/quire journal verify} accepts the folder as the
 *       kill left it (before any restart repairs it), finds no corrupt checkpoint, and no lost
 *       fallback (logs the older checkpoint needs, deleted).
 *   <li>{@code RestartLoadsNewestCheckpoint}: the restarted master's "Master serving as" line
 *       names the newest checkpoint the kill left, or "no checkpoint" when it left none.
 *   <li>{@code NoCheckpointTemporarySurvivesRestart}: no temporary the kill left exists once the
 *       master serves again.
 *   <li>{@code CheckpointsStayBounded}: under the load never more than 3 checkpoints (two kept and
 *       one just renamed) and 1 temporary; after the restart, at most 2 and none.
 *   <li>{@code BaseNamespaceSurvivesCrash}: the namespace the journal held before the load (and
 *       that every checkpoint carries) is whole: its 1,000 top directories and the children of
 *       one of them drawn at random.
 * </ul>
 */
final class CheckpointChecks {

  private static final String SERVING = "Master serving as";
  /** What {@code journal verify} says of a checkpoint that failed a check or a lost fallback. */
  private static final Pattern PROBLEM =
      Pattern.compile("CORRUPT|is unusable|could not fall back");

  private CheckpointChecks() {}

  static Invariant folderValidAfterKill(MasterProcess master, Path journal)
      throws IOException, InterruptedException {
    Commands.Result verify = master.run(Duration.ofMinutes(2), "journal", "verify",
        journal.toString());
    String output = verify.oneLine();
    return new Invariant("FolderValidAfterKill",
        verify.exitCode() == 0 && !PROBLEM.matcher(output).find(),
        "journal verify exit " + verify.exitCode() + ": " + output);
  }

  static Invariant restartLoadsNewestCheckpoint(MasterProcess master, JournalListing afterKill)
      throws IOException {
    String newest = afterKill.newestCheckpoint();
    String expected = newest == null ? "loaded no checkpoint" : "loaded checkpoint " + newest + " ";
    String line = master.lastLogLine(SERVING);
    return new Invariant("RestartLoadsNewestCheckpoint", line != null && line.contains(expected),
        "expected '" + expected.strip() + "'; the log says: "
            + (line == null ? "no '" + SERVING + "' line" : line.substring(line.indexOf(SERVING))));
  }

  static Invariant noTemporarySurvives(JournalListing afterKill, Path journal) {
    List<String> survivors = new ArrayList<>(afterKill.temporaries());
    survivors.retainAll(JournalListing.read(journal).temporaries());
    return new Invariant("NoCheckpointTemporarySurvivesRestart", survivors.isEmpty(),
        survivors.isEmpty() ? afterKill.temporaries().size() + " temporary(ies) left by the kill, "
            + "none left once serving" : "still there: " + survivors);
  }

  static Invariant checkpointsStayBounded(JournalWatch watch, Path journal, Duration timeout)
      throws InterruptedException {
    // read before waiting: the wait takes in the restarted master's events too
    boolean underLoad = watch.mostCheckpoints() <= 3 && watch.mostTemporaries() <= 1;
    String seen = String.format("until the kill at most %d checkpoint(s) and %d temporary(ies) "
        + "at once (%d written, %d clean-up deletes seen)", watch.mostCheckpoints(),
        watch.mostTemporaries(), watch.checkpointsWritten(), watch.cleanUpDeletes());
    JournalListing settled = watch.awaitListing(
        l -> l.checkpoints().size() <= 2 && l.temporaries().isEmpty(), timeout);
    boolean afterRestart = settled.checkpoints().size() <= 2 && settled.temporaries().isEmpty();
    return new Invariant("CheckpointsStayBounded", underLoad && afterRestart, seen
        + "; after the restart " + settled.describe()
        + (afterRestart ? "" : " after waiting " + timeout.toSeconds() + " s"));
  }

  static Invariant baseNamespaceSurvives(MasterProcess master, long baseInodes, Random random)
      throws IOException, InterruptedException {
    if (baseInodes == 0) {
      return new Invariant("BaseNamespaceSurvivesCrash", true, "no base namespace");
    }
    long tops = Math.min(baseInodes, 1000);
    int pick = random.nextInt((int) tops);
    long expectedChildren = 0;
    for (long i = 1000 + pick; i < baseInodes; i += 1000) {
      expectedChildren++;
    }
    try (QuireClient client = new QuireClient(master.clientAddress(), null,
        Duration.ofSeconds(30))) {
      long foundTops = 0;
      for (FileEntry entry : client.ls("/", false)) {
        foundTops += entry.path().matches("/p\\d+") ? 1 : 0;
      }
      long children = client.stat("/p" + pick).children();
      return new Invariant("BaseNamespaceSurvivesCrash",
          foundTops == tops && children == expectedChildren, String.format(
              "%d of %d top directories /p*; /p%d holds %d of %d children", foundTops, tops,
              pick, children, expectedChildren));
    } catch (IOException e) { // QuireException included: a refusal here means a lost directory
      return new Invariant("BaseNamespaceSurvivesCrash", false, "/ or /p" + pick + ": " + e);
    }
  }
}
