package io.quire.harness.backup;

import io.quire.harness.Commands;
import io.quire.harness.Invariant;
import io.quire.harness.MasterProcess;
import io.quire.harness.QuireHome;
import io.quire.harness.load.ClientLoad;
import io.quire.harness.load.ClientWorkload;
import io.quire.harness.load.FsBatchClient;
import io.quire.harness.load.Subtrees;
import io.quire.master.internal.BenchJournalWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.IntStream;
import java.util.regex.Pattern;

/**
 * {@code backup}: concurrent {@code fs -} clients write while {@code fsadmin backup} runs and
 * after it; then the master stops, the journal is formatted, and {@code start -i} restores the
 * backup. The restored namespace must be the namespace at the backup's sequence number, which
 * the original journal tells: each client works in its own subtree, one entry per command, so
 * the number of a client's entries up to that sequence number says how many of its commands the
 * backup holds, and {@link ClientWorkload#stateAfter} says what its subtree held then.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code BackupWhileWriting}: {@code fsadmin backup} succeeds while the clients write, and
 *       every client's every command is acknowledged (none refused, none failed).
 *   <li>{@code BackupVerifies}: {@code journal verify} accepts the backup file and names its
 *       sequence number.
 *   <li>{@code RestoreLogged}: {@code start -i} on the formatted journal serves and logs
 *       {@code Restored N entries from backup} with the backup's entry count.
 *   <li>{@code RestoredEqualsStateAtBackupSequence}: each client's subtree equals its state after
 *       its commands up to the backup's sequence number; the backup's entry count equals the
 *       root, the base directories and those subtrees' entries together.
 *   <li>{@code RestoreSurvivesRestart}: after a stop and a start without {@code -i}, the same.
 *   <li>{@code RestoredJournalVerifies}: {@code journal verify} accepts the restored journal.
 * </ul>
 */
public final class BackupScenario {
  private static final Pattern JSON_URI = Pattern.compile("\"backupUri\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern JSON_ENTRIES = Pattern.compile("\"entryCount\"\\s*:\\s*(\\d+)");
  private static final Pattern VERIFIED_SEQUENCE = Pattern.compile(": sequence (\\d+), cluster ");
  private static final Pattern DUMP_ENTRY = Pattern.compile("^(\\d+)\\t\\d+\\t(.*)$");
  private static final Pattern CLIENT_ROOT = Pattern.compile("/c(\\d+)(?!\\d)");
  private static final Duration COMMAND = Duration.ofMinutes(2);

  private final QuireHome home;
  private final Path work;
  private final PrintStream out;
  private final int clients;
  private final int operations;
  private final long baseInodes;

  /**
   * @param baseInodes directories journaled before the master starts, so that the backup takes
   *     a while to write and the clients' writes overlap it
   */
  public BackupScenario(QuireHome home, Path work, PrintStream out, int clients, int operations,
      long baseInodes) {
    this.home = home;
    this.work = work;
    this.out = out;
    this.clients = clients;
    this.operations = operations;
    this.baseInodes = baseInodes;
  }

  /** @return true if every invariant of every iteration held */
  public boolean run(long seed, int iterations) throws Exception {
    boolean allHeld = true;
    for (int i = 1; i <= iterations && allHeld; i++) {
      out.printf("backup iteration %d/%d (seed %d)%n", i, iterations, seed);
      for (Invariant invariant : iteration(seed * 1_000_003L + i, work.resolve("iteration-" + i))) {
        out.println("  " + invariant.line());
        allHeld &= invariant.held();
      }
      if (!allHeld) {
        out.printf("FAILED at iteration %d; reproduce with: backup --seed %d --iterations %d "
            + "--clients %d --operations %d --base-inodes %d%n", i, seed, i, clients, operations,
            baseInodes);
      }
    }
    return allHeld;
  }

  private List<Invariant> iteration(long seed, Path dir) throws Exception {
    Random random = new Random(seed);
    Files.createDirectories(dir);
    Path journal = dir.resolve("journal");
    List<Invariant> results = new ArrayList<>();
    try (MasterProcess master = new MasterProcess(home, QuireHome.writeConf(dir, ""))) {
      if (baseInodes > 0) {
        BenchJournalWriter.write(journal, baseInodes);
      } else {
        master.format();
      }
      master.start(COMMAND);

      int total = clients * operations;
      int backupAfter = total / 5 + random.nextInt(Math.max(1, total * 3 / 10));
      ClientLoad load = new ClientLoad(master, seed, clients, operations);
      load.counter().awaitAtLeast(backupAfter);
      int ackedBefore = load.counter().count();
      Commands.Result backup = master.run(COMMAND, "fsadmin", "backup", "--json");
      int ackedDuring = load.counter().count() - ackedBefore;
      load.awaitCompletion();
      results.add(backupWhileWriting(backup, load, ackedBefore, ackedDuring));
      if (!results.get(0).held()) {
        return results;
      }
      String uri = match(JSON_URI, backup.stdout());
      long entries = Long.parseLong(match(JSON_ENTRIES, backup.stdout()));

      Commands.Result verified = master.run(COMMAND, "journal", "verify",
          Path.of(URI.create(uri)).toString());
      Matcher sequenceFound = VERIFIED_SEQUENCE.matcher(verified.stdout());
      boolean verifies = verified.exitCode() == 0 && sequenceFound.find();
      results.add(new Invariant("BackupVerifies", verifies, "journal verify " + uri + " exit "
          + verified.exitCode() + ": " + verified.oneLine()));
      if (!verifies) {
        return results;
      }
      long sequence = Long.parseLong(sequenceFound.group(1));

      if (master.stop() != 0) {
        throw new IOException("bin/quire stop failed after the load");
      }
      int[] commandsInBackup = commandsUpTo(master, journal, sequence);
      out.printf("  backup of %d entries at sequence %d, taken after %d acknowledged mutations, "
          + "%d more acknowledged while fsadmin backup ran; %d client commands in it%n",
          entries, sequence, ackedBefore, ackedDuring, IntStream.of(commandsInBackup).sum());

      master.format();
      try {
        master.startRestoring(uri, COMMAND);
      } catch (IOException e) {
        results.add(new Invariant("RestoreLogged", false, e.getMessage()));
        return results;
      }
      String restored = master.lastLogLine("Restored ");
      String expected = "Restored " + entries + " entries from backup " + uri;
      results.add(new Invariant("RestoreLogged", restored != null && restored.contains(expected),
          restored == null ? "no 'Restored' line in " + master.logFile() : restored.strip()));

      results.add(compare("RestoredEqualsStateAtBackupSequence", master, load.drivers(),
          commandsInBackup, entries));
      master.stop();
      master.start(COMMAND);
      results.add(compare("RestoreSurvivesRestart", master, load.drivers(), commandsInBackup,
          entries));
      master.stop();
      Commands.Result journalVerified = master.run(COMMAND, "journal", "verify",
          journal.toString());
      results.add(new Invariant("RestoredJournalVerifies", journalVerified.exitCode() == 0,
          "exit " + journalVerified.exitCode() + ": " + journalVerified.oneLine()));
    }
    return results;
  }

  private static Invariant backupWhileWriting(Commands.Result backup, ClientLoad load,
      int ackedBefore, int ackedDuring) {
    List<String> problems = new ArrayList<>();
    if (backup.exitCode() != 0) {
      problems.add("fsadmin backup exit " + backup.exitCode() + ": " + backup.oneLine());
    } else if (!JSON_URI.matcher(backup.stdout()).find()
        || !JSON_ENTRIES.matcher(backup.stdout()).find()) {
      problems.add("fsadmin backup --json printed no URI or entry count: " + backup.oneLine());
    }
    for (FsBatchClient driver : load.drivers()) {
      int commands = driver.workload().commands().size();
      if (driver.error() != null || driver.acknowledged() != commands) {
        problems.add(driver.workload().root() + ": " + driver.acknowledged() + " of " + commands
            + " acknowledged" + (driver.error() == null ? "" : ", refused: " + driver.error()));
      }
    }
    return new Invariant("BackupWhileWriting", problems.isEmpty(), problems.isEmpty()
        ? "backup written after " + ackedBefore + " acknowledged mutations, " + ackedDuring
            + " acknowledged while it ran, every command of every client acknowledged"
        : String.join("; ", problems));
  }

  /**
   * How many of each client's commands the journal holds up to {@code sequence}: its entries
   * there, read with {@code journal dump --to}.
   */
  private int[] commandsUpTo(MasterProcess master, Path journal, long sequence)
      throws IOException, InterruptedException {
    String dump = master.run(COMMAND, "journal", "dump", "--to", Long.toString(sequence),
        journal.toString()).requireSuccess();
    int[] counts = new int[clients];
    for (String line : dump.split("\n")) {
      Matcher entry = DUMP_ENTRY.matcher(line);
      if (!entry.matches()) {
        continue;
      }
      Matcher root = CLIENT_ROOT.matcher(entry.group(2));
      if (root.find()) {
        counts[Integer.parseInt(root.group(1))]++;
      }
    }
    return counts;
  }

  private Invariant compare(String name, MasterProcess master,
      List<FsBatchClient> drivers, int[] commandsInBackup, long backupEntries)
      throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    long inodes = 0;
    for (int c = 0; c < drivers.size(); c++) {
      ClientWorkload workload = drivers.get(c).workload();
      TreeSet<String> expected = workload.stateAfter(commandsInBackup[c]);
      TreeSet<String> actual = Subtrees.listing(master, workload.root());
      inodes += expected.size();
      if (!actual.equals(expected)) {
        problems.add(workload.root() + " after " + commandsInBackup[c] + " commands: "
            + Subtrees.difference(expected, actual));
      }
    }
    long counted = 1 + baseInodes + inodes;
    if (counted != backupEntries) {
      problems.add("the backup holds " + backupEntries + " entries, but the root, " + baseInodes
          + " base directories and the subtrees' " + inodes + " inodes make " + counted);
    }
    return new Invariant(name, problems.isEmpty(), problems.isEmpty()
        ? drivers.size() + " subtrees (" + inodes + " inodes) equal their state at the backup's "
            + "sequence number; with the root and " + baseInodes + " base directories, the "
            + backupEntries + " entries of the backup"
        : String.join("; ", problems));
  }

  private static String match(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + pattern + " in " + text);
    }
    return m.group(1);
  }
}
