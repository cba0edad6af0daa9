package io.quire.harness.swap;

import io.quire.harness.Invariant;
import io.quire.harness.JournalBackend;
import io.quire.harness.MasterJmx;
import io.quire.harness.QuireHome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The running journal moved to another folder, as an operator moves it: {@code moveTo(folder)} of
 * {@code quire:type=Journal}. Each move goes to a fresh (missing) folder on the next backend of a
 * rotation, whose first backend holds the folder the master is formatted on: with local disk and
 * HDFS, local, then HDFS, then local again, and so on; with local disk alone, from one local
 * folder to another. The folders are named after the move, {@code move-07-hdfs}, so that a
 * listing tells the order.
 *
 * <p>{@code moveTo} returns once the journal has switched. It writes through the new folder once
 * its {@code Folder} attribute names that folder and an entry after the switch is durable: the
 * entries up to the switch were copied there, the ones after it are written there.
 *
 * <p>Invariant {@code StorageMBeanFollowsTheMove}: once a move to another backend than the first
 * folder's has returned, {@code quire:type=JournalStorage,name=<its type>} describes the new
 * folder ({@code docs/operations.md}; a move to the first folder's backend leaves that name to
 * the storage bundle, which describes the configured folder until the next start).
 */
public final class JournalMoves implements StorageSwap, AutoCloseable {
  /** Logged by the journal once the switch is done. */
  static final HeldFigure HELD = new HeldFigure(
      "the journal's own 'writes held N ms for the switch'",
      Pattern.compile("Journal moved from .* after sequence \\d+ \\((?<text>checkpoint .*, "
          + "writes held (?<millis>\\d+) ms for the switch)\\)"));
  private static final ObjectName JOURNAL = journalMBean();

  private final List<JournalBackend> rotation;
  private final List<JournalBackend> opened;
  private final Path work;
  private final List<String> movedTo = new ArrayList<>();
  /** Moves after which the storage MBean of the new folder's type described another one. */
  private final List<String> staleViews = new ArrayList<>();
  private int viewsChecked;
  /** The journal's last sequence number once the latest move returned. */
  private long lastAtSwitch;

  private JournalMoves(List<JournalBackend> rotation, List<JournalBackend> opened, Path work) {
    this.rotation = rotation;
    this.opened = opened;
    this.work = work;
  }

  /**
   * Opens each backend of {@code kinds} once (an HDFS, an NFS server: under {@code work}).
   *
   * @param kinds the rotation; the first holds the master's first folder
   */
  public static JournalMoves open(List<JournalBackend.Kind> kinds, QuireHome home, Path work)
      throws IOException, InterruptedException {
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("moves need at least one backend to move between");
    }
    Map<JournalBackend.Kind, JournalBackend> backends = new EnumMap<>(JournalBackend.Kind.class);
    List<JournalBackend> opened = new ArrayList<>();
    try {
      for (JournalBackend.Kind kind : new LinkedHashSet<>(kinds)) {
        JournalBackend backend = kind.open(home, work);
        opened.add(backend);
        backends.put(kind, backend);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      close(opened);
      throw e;
    }
    return new JournalMoves(kinds.stream().map(backends::get).toList(), opened, work);
  }

  @Override
  public String describe() {
    String turns = rotation.stream().map(b -> b.kind().option())
        .collect(Collectors.joining(" -> "));
    String others = opened.stream().filter(b -> b.kind() != JournalBackend.Kind.LOCAL)
        .map(JournalBackend::describe).collect(Collectors.joining("; "));
    return "moveTo of quire:type=Journal, each time to a fresh folder, in turn on " + turns
        + (rotation.size() > 1 ? " -> " + rotation.get(0).kind().option() + " ..." : "")
        + (others.isEmpty() ? "" : " (" + others + ")");
  }

  @Override
  public String options() {
    return "--moves --move-storage " + rotation.stream().map(b -> b.kind().option())
        .collect(Collectors.joining(","));
  }

  @Override
  public String firstFolder(Path masterWork) {
    return rotation.get(0).journalFolder(masterWork);
  }

  @Override
  public String siteProperties() {
    return opened.stream().map(JournalBackend::siteProperties).collect(Collectors.joining());
  }

  @Override
  public void perform(MasterJmx jmx) throws IOException, JMException {
    int move = movedTo.size() + 1;
    JournalBackend to = rotation.get(move % rotation.size());
    String folder = to.journalFolder(work.resolve("moves").resolve(String.format(Locale.ROOT,
        "move-%02d-%s", move, to.kind().option())));
    jmx.moveJournal(folder);
    movedTo.add(folder);
    lastAtSwitch = (Long) jmx.attribute(JOURNAL, "LastSequenceNumber");
    if (to.kind() != rotation.get(0).kind()) {
      checkStorageView(jmx, move, to.kind(), folder);
    }
  }

  /** Whether {@code quire:type=JournalStorage,name=<kind>} describes {@code folder}. */
  private void checkStorageView(MasterJmx jmx, int move, JournalBackend.Kind kind, String folder)
      throws IOException, JMException {
    ObjectName view = new ObjectName("quire:type=JournalStorage,name=" + kind.option());
    String uri = jmx.registered(view) ? String.valueOf(jmx.attribute(view, "Uri"))
        : "nothing: not registered";
    viewsChecked++;
    if (!names(uri, folder)) {
      staleViews.add("after move " + move + " to " + folder + ", " + view + " describes " + uri);
    }
  }

  @Override
  public boolean writesThroughNewStorage(MasterJmx jmx) throws IOException, JMException {
    return names(String.valueOf(jmx.attribute(JOURNAL, "Folder")), movedTo.get(movedTo.size() - 1))
        && (Long) jmx.attribute(JOURNAL, "DurableSequenceNumber") > lastAtSwitch;
  }

  /**
   * Whether {@code text} begins with {@code folder} as the journal names it: a local folder as a
   * {@code file:} URI, perhaps with a trailing slash; then the text ends or goes on with a space
   * or punctuation, not with a longer name.
   */
  static boolean names(String text, String folder) {
    return Pattern.compile("^(?:file://|file:)?" + Pattern.quote(folder) + "/?(?=$|[\\s;,)])")
        .matcher(text).find();
  }

  @Override
  public List<String> movedTo() {
    return List.copyOf(movedTo);
  }

  @Override
  public HeldFigure heldFigure() {
    return HELD;
  }

  @Override
  public List<Invariant> invariants() {
    return List.of(new Invariant("StorageMBeanFollowsTheMove", staleViews.isEmpty(),
        staleViews.isEmpty() ? "after each of the " + viewsChecked + " moves to another "
            + "backend than the first folder's, its storage MBean described the new folder"
            : staleViews.size() + " of " + viewsChecked + ": " + String.join("; ", staleViews)));
  }

  /** Stops the backends' servers (an HDFS, an NFS server); the folders stay. */
  @Override
  public void close() throws IOException, InterruptedException {
    close(opened);
  }

  private static void close(List<JournalBackend> backends)
      throws IOException, InterruptedException {
    IOException failed = null;
    for (int i = backends.size() - 1; i >= 0; i--) {
      try {
        backends.get(i).close();
      } catch (IOException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  private static ObjectName journalMBean() {
    try {
      return new ObjectName("quire:type=Journal");
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }
}
