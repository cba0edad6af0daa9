package io.quire.storage.hdfs;

import io.quire.journal.JournalFolder;
import io.quire.journal.internal.SegmentedJournal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * A master's journal writer in a process of its own, for the takeover test: formats the HDFS
 * folder, appends {@code entries} entries, prints {@code durable N} once they are durable, then
 * keeps its files open until it is killed.
 */
public final class JournalWriterProcess {

  private JournalWriterProcess() {}

  public static void main(String[] args) throws Exception {
    URI folder = URI.create(args[0]);
    int entries = Integer.parseInt(args[1]);
    HdfsJournalStorage storage = new HdfsJournalStorage(
        HdfsJournalStorage.connect(folder, HdfsJournalStorageTest.clientConf()), folder, Duration.ofSeconds(60));
    JournalFolder.format(storage, Clock.systemUTC());
    SegmentedJournal journal = new SegmentedJournal(storage,
        new SegmentedJournal.Options(4096, 10_000, 1 << 20), Clock.systemUTC());
    journal.recover((seq, entry) -> { });
    long last = 0;
    for (int i = 1; i <= entries; i++) {
      last = journal.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }
    journal.awaitDurable(last);
    System.out.println("durable " + last);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
