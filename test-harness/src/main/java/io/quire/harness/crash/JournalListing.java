package io.quire.harness.crash;

import io.quire.journal.JournalFormat;
import io.quire.journal.internal.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a journal folder's listing says about checkpoint work: the checkpoints, the temporary
 * files of checkpoints being written, and the sealed logs a finished clean-up would have deleted.
 *
 * <p>Clean-up keeps the two newest checkpoints and deletes older checkpoints and every sealed log
 * whose last entry is at or before the older kept one. So, in a folder nobody is writing to:
 * <ul>
 *   <li>a temporary means a checkpoint write was cut off before its rename;
 *   <li>three checkpoints mean one was renamed and its clean-up had not deleted anything yet;
 *   <li>a sealed log at or before the second-newest checkpoint means clean-up was cut off while
 *       deleting (or before deleting) logs.
 * </ul>
 *
 * @param checkpoints checkpoint file names, newest first
 * @param temporaries checkpoint temporary file names
 * @param staleLogs sealed logs that clean-up deletes once it runs to its end
 */
record JournalListing(List<String> checkpoints, List<String> temporaries,
    List<String> staleLogs) {

  static JournalListing of(Collection<String> names) {
    List<String> checkpoints = CheckpointStore.newestFirst(new ArrayList<>(names));
    List<String> temporaries = new ArrayList<>();
    List<String> staleLogs = new ArrayList<>();
    long olderKept = checkpoints.size() < 2 ? -1
        : JournalFormat.parseCheckpointName(checkpoints.get(1));
    for (String name : names) {
      if (JournalFormat.isCheckpointTemporary(name)) {
        temporaries.add(name);
      }
      long[] range = JournalFormat.parseSegmentName(name);
      if (range != null && range[1] >= 0 && range[1] <= olderKept) {
        staleLogs.add(name);
      }
    }
    temporaries.sort(null);
    staleLogs.sort(null);
    return new JournalListing(List.copyOf(checkpoints), List.copyOf(temporaries),
        List.copyOf(staleLogs));
  }

  static JournalListing read(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return of(files.map(f -> f.getFileName().toString()).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** The newest checkpoint, or null while there is none. */
  String newestCheckpoint() {
    return checkpoints.isEmpty() ? null : checkpoints.get(0);
  }

  /** Which checkpoint work a kill cut off, judged by what it left behind. */
  Interrupted interrupted() {
    if (!temporaries.isEmpty()) {
      return Interrupted.CHECKPOINT_WRITE;
    }
    if (checkpoints.size() > 2) {
      return Interrupted.BEFORE_CLEAN_UP;
    }
    return staleLogs.isEmpty() ? Interrupted.NOTHING : Interrupted.CLEAN_UP;
  }

  String describe() {
    return checkpoints.size() + " checkpoint(s)" + (checkpoints.isEmpty() ? "" : " (newest "
        + newestCheckpoint() + ")") + ", " + temporaries.size() + " checkpoint temporary(ies), "
        + staleLogs.size() + " sealed log(s) awaiting clean-up";
  }

  /** What checkpoint work a kill left unfinished. */
  enum Interrupted {
    CHECKPOINT_WRITE("a checkpoint write (its temporary was left)"),
    BEFORE_CLEAN_UP("a checkpoint's read-back check or clean-up (3 checkpoints were left)"),
    CLEAN_UP("clean-up (logs it deletes were left)"),
    NOTHING("no checkpoint work (nothing pending was left)");

    private final String description;

    Interrupted(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }
}
