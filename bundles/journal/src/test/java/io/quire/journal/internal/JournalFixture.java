package io.quire.journal.internal;

import io.quire.journal.JournalFolder;
import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A formatted journal folder on local disk, and helpers to fill and replay it. */
final class JournalFixture {
  final Path folder;
  final LocalJournalStorage storage;

  JournalFixture(Path folder) throws IOException {
    this(folder, true);
  }

  JournalFixture(Path folder, boolean format) throws IOException {
    this.folder = folder;
    this.storage = new LocalJournalStorage(folder);
    if (format) {
      JournalFolder.format(storage, Clock.systemUTC());
    }
  }

  SegmentedJournal open(long maxLogBytes) {
    return new SegmentedJournal(storage, new SegmentedJournal.Options(maxLogBytes, 10_000, 1 << 20),
        Clock.systemUTC());
  }

  /** Recovers, appends {@code count} entries "entry-<seq>" one durable batch each, closes. */
  List<String> write(int count, long maxLogBytes) throws Exception {
    List<String> written = new ArrayList<>();
    try (SegmentedJournal journal = open(maxLogBytes)) {
      journal.recover((seq, entry) -> written.add(text(entry)));
      long last = 0;
      for (int i = 0; i < count; i++) {
        last = journal.append(("entry-" + (written.size() + 1)).getBytes(StandardCharsets.UTF_8));
        written.add("entry-" + last);
        journal.awaitDurable(last); // one batch per entry, so small segments roll often
      }
    }
    return written;
  }

  /** Entries a fresh recovery replays. */
  List<String> replay() throws IOException {
    List<String> seen = new ArrayList<>();
    try (SegmentedJournal journal = open(1 << 20)) {
      journal.recover((seq, entry) -> seen.add(text(entry)));
    }
    return seen;
  }

  /** The texts {@link #write} gives entries 1 to {@code count}: "entry-1", "entry-2", ... */
  static List<String> entries(int count) {
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      all.add("entry-" + i);
    }
    return all;
  }

  /** The file names in {@code folder}, sorted. */
  static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static String text(java.nio.ByteBuffer entry) {
    byte[] bytes = new byte[entry.remaining()];
    entry.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
