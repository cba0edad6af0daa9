package io.quire.storage.nfs;

import io.quire.journal.JournalFolder;
import io.quire.journal.internal.SegmentedJournal;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A master's journal writer in a process of its own, for the kill -9 test: formats the NFS
 * folder, then {@code writers} threads append entries without end, each waiting until its entry
 * is durable and then printing {@code ack <sequence> <entry>}, until the process is killed.
 */
public final class NfsJournalWriterProcess {

  private NfsJournalWriterProcess() {}

  public static void main(String[] args) throws Exception {
    URI folder = URI.create(args[0]);
    int writers = Integer.parseInt(args[1]);
    NfsMount mount = new NfsMount(NfsLocation.parse(folder),
        NfsSettings.ofThisProcess(NfsSettings.CALL_TIMEOUT));
    NfsJournalStorage storage = new NfsJournalStorage(mount);
    JournalFolder.format(storage, Clock.systemUTC());
    SegmentedJournal journal = new SegmentedJournal(storage,
        new SegmentedJournal.Options(4096, 10_000, 1 << 20), Clock.systemUTC());
    journal.recover((seq, entry) -> { });
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    for (int w = 0; w < writers; w++) {
      int writer = w;
      pool.submit(() -> {
        for (int i = 0; ; i++) {
          String entry = "w" + writer + "-" + i;
          long sequence = journal.append(entry.getBytes(StandardCharsets.UTF_8));
          journal.awaitDurable(sequence);
          synchronized (out) {
            out.println("ack " + sequence + " " + entry);
            out.flush();
          }
        }
      });
    }
    pool.awaitTermination(Long.MAX_VALUE, java.util.concurrent.TimeUnit.DAYS);
  }
}
