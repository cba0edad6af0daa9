package io.quire.journal;

import io.quire.journal.internal.FormatMarkerCodec;
import io.quire.journal.internal.HolderLease;
import io.quire.journal.internal.MovedRecordCodec;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Operations on a journal folder as a whole, without a running journal. */
public final class JournalFolder {

  private JournalFolder() {}

  /**
   * Formats a folder: deletes every file Quire wrote there and writes a fresh format marker with
   * a new cluster id.
   *
   * <p>Refuses, deleting nothing, while a live master holds the folder, and when the folder holds
   * files Quire did not write but no format marker (it does not look like a Quire journal: an
   * operator pointed at the wrong place). Files of other names in a formatted folder are left
   * alone.
   *
   * @return the new marker
   */
  public static FormatMarker format(JournalStorage storage, Clock clock) throws IOException {
    List<String> names = storage.list();
    HolderLease.checkNotHeld(storage, clock);
    List<String> foreign = new ArrayList<>();
    for (String name : names) {
      if (!JournalFormat.isQuireFile(name)) {
        foreign.add(name);
      }
    }
    if (!foreign.isEmpty() && !names.contains(JournalFormat.FORMAT_MARKER)) {
      throw new IOException("refusing to format " + storage.uri()
          + ": it does not look like a Quire journal (it holds " + describe(foreign)
          + " and no " + JournalFormat.FORMAT_MARKER + ")");
    }
    storage.createFolder();
    // The marker goes first: a crash part-way through leaves a folder that still reads as
    // "formatted but odd" rather than one whose old segments could be replayed as new.
    storage.delete(JournalFormat.FORMAT_MARKER);
    for (String name : names) {
      if (JournalFormat.isQuireFile(name) && !name.equals(JournalFormat.LOCK)) {
        storage.delete(name);
      }
    }
    FormatMarker marker = new FormatMarker(UUID.randomUUID().toString(), JournalFormat.VERSION,
        clock.instant());
    storage.writeAtomically(JournalFormat.FORMAT_MARKER, FormatMarkerCodec.encode(marker));
    return marker;
  }

  /** Reads the folder's marker, or throws {@link NotFormattedException} saying what to run. */
  public static FormatMarker readMarker(JournalStorage storage) throws IOException {
    if (!storage.exists(JournalFormat.FORMAT_MARKER)) {
      throw new NotFormattedException("journal folder " + storage.uri()
          + " is not formatted (no " + JournalFormat.FORMAT_MARKER + "); run 'bin/quire format' first");
    }
    return FormatMarkerCodec.decode(storage.readFully(JournalFormat.FORMAT_MARKER));
  }

  /**
   * The folder's marker for a master about to serve or follow it: {@link #readMarker}, and
   * refused with {@link JournalMovedException} once the journal has moved to another folder.
   */
  public static FormatMarker readMarkerToServe(JournalStorage storage) throws IOException {
    FormatMarker marker = readMarker(storage);
    Optional<JournalMoved> moved = readMoved(storage);
    if (moved.isPresent()) {
      throw new JournalMovedException(storage.uri().toString(), moved.get());
    }
    return marker;
  }

  /** The folder's moved record, if the journal moved away from it. */
  public static Optional<JournalMoved> readMoved(JournalStorage storage) throws IOException {
    if (!storage.exists(JournalFormat.MOVED)) {
      return Optional.empty();
    }
    return Optional.of(MovedRecordCodec.decode(storage.readFully(JournalFormat.MOVED)));
  }

  private static String describe(List<String> names) {
    List<String> shown = names.subList(0, Math.min(3, names.size()));
    return "'" + String.join("', '", shown) + "'" + (names.size() > 3 ? " and "
        + (names.size() - 3) + " more" : "");
  }
}
