package io.quire.master.internal;

import java.io.ByteArrayOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * In-process measurement of {@link NamespaceReplayer}, run by hand (not a test, asserts nothing
 * about time): encodes the restart benchmark's journal (the mkdirs of test-harness's
 * {@code BenchJournalWriter}: 1,000 parents, then directories spread over them round-robin) into
 * memory, then replays it several times, each into a new namespace, printing time, bytes
 * allocated by this thread and GC activity per round. No journal framing or CRC: decode and apply
 * only. The first round is the one a restarting master sees (a cold JVM).
 *
 * <pre>
 * java -cp bundles/master/target/classes:bundles/master/target/test-classes:$JOURNAL_JAR \
 *     io.quire.master.internal.ReplayBench [entries] [rounds]
 * </pre>
 */
public final class ReplayBench {

  private ReplayBench() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int[] offsets = new int[entries + 1];
    byte[] journal = encode(entries, offsets);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= rounds; round++) {
      long gcCount = gcCount();
      long gcMillis = gcMillis();
      long allocated = threads.getCurrentThreadAllocatedBytes();
      long cpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      NamespaceReplayer replayer = new NamespaceReplayer(NamespaceSnapshot.empty(),
          new SharedStrings());
      for (int i = 0; i < entries; i++) {
        replayer.accept(i + 1,
            ByteBuffer.wrap(journal, offsets[i], offsets[i + 1] - offsets[i]).slice());
      }
      long applied = System.nanoTime();
      NamespaceSnapshot result = replayer.result();
      long frozen = System.nanoTime();
      long cpuMillis = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
      long bytes = threads.getCurrentThreadAllocatedBytes() - allocated;
      System.out.printf(Locale.ROOT, "round %d: %,d entries/s (apply %d ms, freeze %d ms, "
          + "thread CPU %d ms), %d bytes/entry allocated, %d GCs %d ms, %d inodes%n", round,
          (long) (entries / ((frozen - start) / 1e9)), (applied - start) / 1_000_000,
          (frozen - applied) / 1_000_000, cpuMillis, bytes / entries, gcCount() - gcCount,
          gcMillis() - gcMillis, result.inodeCount());
    }
  }

  /** One array, as the journal's segment reader hands out slices of its buffer. */
  private static byte[] encode(int entries, int[] offsets) throws NamespaceException {
    EntryEncoder encoder = new EntryEncoder();
    ByteArrayOutputStream journal = new ByteArrayOutputStream();
    long mtime = 1_700_000_000_000L;
    for (int i = 0; i < entries; i++) {
      String path = i < 1000 ? "/p" + i : "/p" + (i % 1000) + "/d" + i;
      journal.writeBytes(encoder.encode(new Mutation.Mkdir(FsPath.parse(path), false, "quire",
          0755, mtime, i + 1)));
      offsets[i + 1] = journal.size();
    }
    return journal.toByteArray();
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += gc.getCollectionCount();
    }
    return n;
  }

  private static long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += gc.getCollectionTime();
    }
    return n;
  }
}
