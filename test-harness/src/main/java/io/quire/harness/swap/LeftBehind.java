package io.quire.harness.swap;

import io.quire.harness.Commands;
import io.quire.harness.Invariant;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants on the folders a moving journal left behind, each holding
 * {@code quire-journal.moved}, checked once the master has stopped:
 * <ul>
 *   <li>{@code FoldersLeftBehindAreValid}: {@code journal verify} accepts each one, and names the
 *       folder the journal moved on to from there.
 *   <li>{@code FolderLeftBehindRefusesAStart}: a master started on one of them (a site file naming
 *       it, as after an operator forgot to edit it) refuses, naming that next folder.
 * </ul>
 */
final class LeftBehind {
  private static final Duration COMMAND = Duration.ofMinutes(2);
  private static final String MOVED_TO = "moved to ";

  private LeftBehind() {}

  /** @param folders every folder the journal was in, in order; the last is where it is */
  static Invariant verified(MasterProcess master, List<String> folders)
      throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < folders.size() - 1; i++) {
      Commands.Result verify = master.run(COMMAND, "journal", "verify", folders.get(i));
      if (verify.exitCode() != 0 || !namesNext(verify.stdout(), folders.get(i + 1))) {
        problems.add(folders.get(i) + ": journal verify exit " + verify.exitCode()
            + " (expected 0, naming " + folders.get(i + 1) + "): " + verify.oneLine());
      }
    }
    return new Invariant("FoldersLeftBehindAreValid", problems.isEmpty(), problems.isEmpty()
        ? "journal verify accepts all " + (folders.size() - 1) + " folders left behind, each "
            + "naming the next" : String.join("; ", problems));
  }

  /**
   * Starts a master (in {@code work}, with its own ports and logs) on the folder left behind at
   * {@code index}.
   */
  static Invariant refusesStart(QuireHome home, Path work, String siteProperties,
      List<String> folders, int index) throws IOException, InterruptedException {
    String folder = folders.get(index);
    String next = folders.get(index + 1);
    String name = "FolderLeftBehindRefusesAStart";
    try (MasterProcess stale = new MasterProcess(home, QuireHome.writeConf(work, folder,
        siteProperties))) {
      stale.start(COMMAND);
      return new Invariant(name, false, "a master started on " + folder + " (pid " + stale.pid()
          + "), which the journal had left for " + next);
    } catch (IOException refused) {
      String reason = refused.getMessage();
      return new Invariant(name, namesNext(reason, next), "bin/quire start on folder "
          + (index + 1) + " of " + folders.size() + ", " + folder + ", failed: " + reason);
    }
  }

  /** Whether {@code text} says the journal moved to {@code next}. */
  private static boolean namesNext(String text, String next) {
    for (int at = text.indexOf(MOVED_TO); at >= 0; at = text.indexOf(MOVED_TO, at + 1)) {
      if (JournalMoves.names(text.substring(at + MOVED_TO.length()), next)) {
        return true;
      }
    }
    return false;
  }
}
