package io.quire.journal.tool;

import io.quire.journal.CorruptJournalException;
import io.quire.journal.JournalFormat;
import io.quire.journal.internal.Recovery;
import io.quire.journal.internal.SegmentInfo;
import io.quire.journal.internal.SegmentReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code journal verify}: what a master's start would make of the folder, without starting one.
 *
 * <ol>
 *   <li>Check every checkpoint completely, newest first, one line each; with the master's
 *       renderer the records are decoded too, as a master's load does.
 *   <li>Replay the logs with the master's own recovery (report only), refusing the checkpoints
 *       that failed: it loads the checkpoint a master would load and reads the logs after it. A
 *       gap or damage there is a problem, as it stops a master's start; so is a corrupt
 *       checkpoint, even one a master can fall back past.
 *   <li>Read the logs the loaded checkpoint covers, which a start does not read. Damaged bytes
 *       are a problem wherever they are. A missing file is not: retention deletes the logs the
 *       older kept checkpoint covers, so a gap before a checkpoint only matters if it would keep
 *       a master from falling back, which is warned about.
 * </ol>
 */
final class FolderVerifier {
  private final OfflineJournal journal;
  private final PrintWriter out;
  private final List<String> problems = new ArrayList<>();

  FolderVerifier(OfflineJournal journal, PrintWriter out) {
    this.journal = journal;
    this.out = out;
  }

  /**
   * Prints the report to {@code out}.
   *
   * @return the problems found, one line each; empty when the folder is valid
   */
  List<String> verify() throws IOException {
    List<CheckpointFinding> findings = new ArrayList<>();
    for (String name : journal.checkpointNames()) {
      CheckpointFinding finding = journal.inspect(name, line -> { });
      out.println(finding.checkLine());
      findings.add(finding);
    }
    noteSetAside();
    List<SegmentInfo> segments = journal.segments();
    long[] range = {0, 0};
    Recovery.Result result = replay(findings, range);
    CheckpointFinding loaded = loaded(findings, result);
    out.println(loadLine(findings, loaded));
    for (CheckpointFinding f : findings) {
      if (!f.usable()) {
        problems.add(consequence(f, loaded));
      } else if (result != null && f != loaded && (loaded == null
          || f.sequence() > loaded.sequence())) {
        warnSkipped(f, result.skippedCheckpoints());
      }
    }
    if (result != null) {
      reportReplay(result, range, loaded == null ? 0 : loaded.sequence());
    }
    for (SegmentInfo segment : segments) {
      if (loaded != null && segment.coveredBy(loaded.sequence())) {
        checkCovered(segment, loaded);
      }
    }
    if (loaded != null) {
      reportFallback(segments, findings, loaded);
    }
    return problems;
  }

  /**
   * Replays the logs as a master's start would.
   *
   * @param range set to the first and last sequence number replayed
   * @return null when the logs after the loaded checkpoint are broken (a problem is recorded)
   */
  private Recovery.Result replay(List<CheckpointFinding> findings, long[] range)
      throws IOException {
    try {
      return journal.replay(findings, (sequence, entry) -> {
        if (range[0] == 0) {
          range[0] = sequence;
        }
        range[1] = sequence;
      });
    } catch (CorruptJournalException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  /**
   * The checkpoint recovery loaded; when the logs after it are broken (no result), the newest
   * that passed its checks, which is the one a master tries first.
   */
  private static CheckpointFinding loaded(List<CheckpointFinding> findings,
      Recovery.Result result) {
    for (CheckpointFinding f : findings) {
      if (result == null ? f.usable() : result.checkpoint() != null
          && f.name().equals(result.checkpoint().name())) {
        return f;
      }
    }
    return null;
  }

  /**
   * A checkpoint that passed its checks but that recovery still passed over (one the logs do
   * not reach, for instance): a warning, as a master starts without it.
   */
  private void warnSkipped(CheckpointFinding skipped, List<String> reasons) {
    String reason = reasons.stream().filter(line -> line.contains(skipped.name())).findFirst()
        .orElse("checkpoint " + skipped.name() + " is passed over by recovery");
    out.println("warning: a master does not load checkpoint " + skipped.name() + ": " + reason);
  }

  private void noteSetAside() throws IOException {
    for (String name : journal.storage().list()) {
      if (name.endsWith(".corrupt") && JournalFormat.parseCheckpointName(
          name.substring(0, name.length() - ".corrupt".length())) >= 0) {
        out.println("note: " + name + " was set aside by a master after it failed its checks;"
            + " it is never loaded");
      } else if (JournalFormat.isCheckpointTemporary(name)) {
        out.println("note: " + name + " is a checkpoint whose writing never finished; it is "
            + "never loaded and a master's start removes it");
      }
    }
  }

  private static String loadLine(List<CheckpointFinding> findings, CheckpointFinding loaded) {
    if (findings.isEmpty()) {
      return "load: no checkpoint; a master replays the logs from sequence 1";
    }
    if (loaded == null) {
      return "load: no usable checkpoint; a master falls back to the logs from sequence 1";
    }
    int skipped = findings.indexOf(loaded);
    return "load: checkpoint " + loaded.name() + " (sequence " + loaded.sequence() + ")"
        + (skipped == 0 ? "" : ": a master falls back to it past " + skipped
            + " newer checkpoint(s)");
  }

  private static String consequence(CheckpointFinding corrupt, CheckpointFinding loaded) {
    String what = "checkpoint " + corrupt.name() + " " + corrupt.place() + ": "
        + corrupt.problemText();
    if (loaded != null && loaded.sequence() > corrupt.sequence()) {
      return what + "; a master loads the newer checkpoint " + loaded.name()
          + " and does not use this one";
    }
    return what + "; a master skips it and falls back to " + (loaded == null
        ? "the logs from sequence 1" : "the older checkpoint " + loaded.name());
  }

  /** Step 2: the logs a master would replay, as recovery found them. */
  private void reportReplay(Recovery.Result result, long[] range, long base) {
    List<String> replayed = new ArrayList<>();
    for (SegmentInfo segment : result.segments()) {
      if (!segment.coveredBy(base)) {
        replayed.add(segment.name());
      }
    }
    out.println("replay: " + (replayed.isEmpty() ? "no log file"
        : replayed.size() == 1 ? replayed.get(0)
        : replayed.size() + " log files, " + replayed.get(0) + " to "
            + replayed.get(replayed.size() - 1)));
    out.printf("entries%s: %d%s in %d segment(s)%n",
        result.checkpoint() == null ? "" : " after checkpoint " + result.checkpoint().name(),
        result.entries(), result.entries() == 0 ? ""
            : " (sequence " + range[0] + " to " + range[1] + ")", replayed.size());
    result.repairs().forEach(line -> out.println("warning: " + line));
  }

  /** Step 3: a sealed log the loaded checkpoint covers, which a start does not read. */
  private void checkCovered(SegmentInfo segment, CheckpointFinding loaded) throws IOException {
    SegmentReader reader = new SegmentReader(journal.storage(), segment.name());
    SegmentReader.Outcome outcome = reader.read(segment.first(), journal.clusterId(), false,
        (sequence, entry) -> { });
    String damage = null;
    if (outcome.failure() != null) {
      SegmentReader.Failure failure = outcome.failure();
      damage = "offset " + failure.offset() + " (sequence " + failure.sequence() + "): "
          + failure.problem();
    } else if (outcome.lastSequence() != segment.last()) {
      damage = "offset " + outcome.validLength() + " (sequence " + (outcome.lastSequence() + 1)
          + "): segment name promises entries up to " + segment.last()
          + " but the file ends after " + outcome.lastSequence();
    }
    if (damage != null) {
      problems.add("corrupt journal in file '" + segment.name() + "' at " + damage
          + "; checkpoint " + loaded.name() + " covers this log, so a master reads it only "
          + "when falling back past every checkpoint that covers it");
    }
  }

  /**
   * Which entries before the loaded checkpoint the logs still hold, and whether that is enough
   * for a master to fall back to the next older usable checkpoint (or, with none, to the logs
   * from sequence 1) should the loaded one become unusable.
   */
  private void reportFallback(List<SegmentInfo> segments, List<CheckpointFinding> findings,
      CheckpointFinding loaded) {
    CheckpointFinding older = null;
    for (int i = findings.indexOf(loaded) + 1; i < findings.size() && older == null; i++) {
      older = findings.get(i).usable() ? findings.get(i) : null;
    }
    long needed = older == null ? 1 : older.sequence() + 1;
    long held = contiguousFrom(segments, loaded.sequence());
    String fallback = older == null ? "the logs from sequence 1"
        : "checkpoint " + older.name() + " and the logs from sequence " + needed;
    if (held <= needed) {
      out.println("fallback: if checkpoint " + loaded.name() + " became unusable, a master "
          + "would fall back to " + fallback);
      if (older != null && held > 1) {
        out.println("note: entries before sequence " + held + " need no log: checkpoint "
            + older.name() + " covers them");
      }
      return;
    }
    long gapFrom = needed;
    for (SegmentInfo segment : segments) {
      if (!segment.open() && segment.last() < held) {
        gapFrom = Math.max(gapFrom, segment.last() + 1);
      }
    }
    out.println("warning: if checkpoint " + loaded.name() + " became unusable, a master could "
        + "not fall back to " + fallback + ": no log holds entries " + gapFrom + " to "
        + (held - 1));
  }

  /**
   * The lowest sequence number from which the logs hold every entry up to {@code base} without
   * a gap; {@code base + 1} when no log holds entry {@code base}.
   */
  static long contiguousFrom(List<SegmentInfo> segments, long base) {
    long low = base + 1;
    for (int i = segments.size() - 1; i >= 0; i--) {
      SegmentInfo segment = segments.get(i);
      if (segment.first() >= low) {
        continue;
      }
      if (!segment.open() && segment.last() + 1 < low) {
        break;
      }
      low = segment.first();
    }
    return low;
  }
}
