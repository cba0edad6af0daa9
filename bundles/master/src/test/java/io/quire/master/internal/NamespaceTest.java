package io.quire.master.internal;

import static io.quire.master.internal.Listing.path;
import static org.junit.jupiter.api.Assertions.*;

import io.quire.journal.JournalClosedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NamespaceTest {
  private static final long T0 = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();

  private MemoryJournal journal;
  private Namespace ns;

  @BeforeEach
  void setUp() throws IOException {
    journal = new MemoryJournal();
    ns = new Namespace(journal, Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
    ns.recover();
  }

  private Inode stat(String p) throws NamespaceException {
    return ns.snapshot().resolve(path(p));
  }

  private List<String> names(String dir) throws NamespaceException {
    return stat(dir).children().names();
  }

  @Test
  void mkdirCreatesADirectoryWithTheNextIdAndTouchesTheParentMtime() throws Exception {
    long seq = ns.mkdir(path("/a"), false, "alice", 0750);
    Inode a = stat("/a");
    assertEquals(1, seq);
    assertTrue(a.isDirectory());
    assertEquals(1, a.id());
    assertEquals("alice", a.owner());
    assertEquals(0750, a.mode());
    assertEquals(T0, a.mtime());
    assertEquals(T0, stat("/").mtime());
    assertEquals(2, ns.snapshot().inodeCount());
    assertEquals(1, journal.durable());
  }

  @Test
  void mkdirWithParentsCreatesEveryMissingAncestorInOneEntry() throws Exception {
    ns.mkdir(path("/a"), false, "u", 0755);
    ns.mkdir(path("/a/b/c/d"), true, "u", 0755);
    assertEquals(2, stat("/a/b").id());
    assertEquals(3, stat("/a/b/c").id());
    assertEquals(4, stat("/a/b/c/d").id());
    assertEquals(2, journal.entries().size());
    assertEquals(5, ns.snapshot().inodeCount());
  }

  @Test
  void mkdirWithParentsOfAnExistingDirectoryJournalsNothing() throws Exception {
    ns.mkdir(path("/a/b"), true, "u", 0755);
    NamespaceSnapshot before = ns.snapshot();
    assertEquals(1, ns.mkdir(path("/a/b"), true, "u", 0755));
    assertSame(before, ns.snapshot());
    assertEquals(1, journal.entries().size());
  }

  @Test
  void touchCreatesAnEmptyFileAndListingsAreSortedByName() throws Exception {
    ns.mkdir(path("/d"), false, "u", 0755);
    for (String name : new String[] {"b", "a", "C", "c10", "c2"}) {
      ns.createFile(path("/d/" + name), "u", 0644);
    }
    assertFalse(stat("/d/a").isDirectory());
    assertEquals(List.of("C", "a", "b", "c10", "c2"), names("/d"));
  }

  @Test
  void renameMovesAWholeSubtreeKeepingIdsAndCounts() throws Exception {
    ns.mkdir(path("/a/b/c"), true, "u", 0755);
    ns.createFile(path("/a/b/c/f"), "u", 0644);
    ns.mkdir(path("/x"), false, "u", 0755);
    long count = ns.snapshot().inodeCount();
    ns.rename(path("/a/b"), path("/x/moved"));
    assertEquals(2, stat("/x/moved").id());
    assertEquals(4, stat("/x/moved/c/f").id());
    assertEquals(List.of(), names("/a"));
    assertEquals(count, ns.snapshot().inodeCount());
    assertEquals(3, stat("/x").subtreeSize() - 1);
  }

  @Test
  void deleteRecursiveRemovesTheSubtreeAndItsCount() throws Exception {
    ns.mkdir(path("/a/b/c"), true, "u", 0755);
    ns.createFile(path("/a/b/f"), "u", 0644);
    ns.delete(path("/a/b"), true);
    assertEquals(2, ns.snapshot().inodeCount());
    ns.delete(path("/a"), false);
    assertEquals(1, ns.snapshot().inodeCount());
  }

  @Test
  void setAttributesChangesOnlyWhatIsGiven() throws Exception {
    ns.createFile(path("/f"), "u", 0644);
    ns.setAttributes(path("/f"), "bob", -1, null);
    ns.setAttributes(path("/f"), null, 0600, 42L);
    Inode f = stat("/f");
    assertEquals("bob", f.owner());
    assertEquals(0600, f.mode());
    assertEquals(42L, f.mtime());
    ns.setAttributes(path("/"), "root", 0700, null);
    assertEquals("root", stat("/").owner());
  }

  @Test
  void everyRefusalNamesThePathAndLeavesStateAndJournalUntouched() throws Exception {
    ns.mkdir(path("/a/d/x"), true, "u", 0755);
    ns.createFile(path("/a/f"), "u", 0644);
    ns.mkdir(path("/e"), false, "u", 0755);
    refused(ErrorCode.ALREADY_EXISTS, "/a", () -> ns.mkdir(path("/a"), false, "u", 0755));
    refused(ErrorCode.ALREADY_EXISTS, "/a/f", () -> ns.mkdir(path("/a/f"), true, "u", 0755));
    refused(ErrorCode.NOT_A_DIRECTORY, "/a/f", () -> ns.mkdir(path("/a/f/g"), true, "u", 1));
    refused(ErrorCode.NOT_FOUND, "/z", () -> ns.mkdir(path("/z/y"), false, "u", 0755));
    refused(ErrorCode.ALREADY_EXISTS, "/a/f", () -> ns.createFile(path("/a/f"), "u", 0644));
    refused(ErrorCode.ALREADY_EXISTS, "/a", () -> ns.createFile(path("/a"), "u", 0644));
    refused(ErrorCode.ALREADY_EXISTS, "/", () -> ns.createFile(path("/"), "u", 0644));
    refused(ErrorCode.NOT_FOUND, "/z", () -> ns.createFile(path("/z/f"), "u", 0644));
    refused(ErrorCode.NOT_A_DIRECTORY, "/a/f", () -> ns.createFile(path("/a/f/g"), "u", 1));
    refused(ErrorCode.NOT_FOUND, "/nope", () -> ns.rename(path("/nope"), path("/b")));
    refused(ErrorCode.ALREADY_EXISTS, "/e", () -> ns.rename(path("/a"), path("/e")));
    refused(ErrorCode.ALREADY_EXISTS, "/a", () -> ns.rename(path("/a"), path("/a")));
    refused(ErrorCode.INVALID_PATH, "/a/d/s", () -> ns.rename(path("/a"), path("/a/d/s")));
    refused(ErrorCode.NOT_FOUND, "/z", () -> ns.rename(path("/a"), path("/z/q")));
    refused(ErrorCode.NOT_A_DIRECTORY, "/a/f", () -> ns.rename(path("/e"), path("/a/f/q")));
    refused(ErrorCode.INVALID_PATH, "/", () -> ns.rename(path("/"), path("/q")));
    refused(ErrorCode.ALREADY_EXISTS, "/", () -> ns.rename(path("/e"), path("/")));
    refused(ErrorCode.DIRECTORY_NOT_EMPTY, "/a", () -> ns.delete(path("/a"), false));
    refused(ErrorCode.NOT_FOUND, "/nope", () -> ns.delete(path("/nope"), true));
    refused(ErrorCode.NOT_FOUND, "/nope", () -> ns.delete(path("/nope/x"), true));
    refused(ErrorCode.INVALID_PATH, "/", () -> ns.delete(path("/"), true));
    refused(ErrorCode.NOT_A_DIRECTORY, "/a/f", () -> ns.delete(path("/a/f/g"), true));
    refused(ErrorCode.NOT_FOUND, "/nope", () -> ns.setAttributes(path("/nope"), "x", 1, 1L));
  }

  private void refused(ErrorCode code, String at, Callable<Long> op) {
    NamespaceSnapshot before = ns.snapshot();
    int entries = journal.entries().size();
    NamespaceException e = assertThrows(NamespaceException.class, op::call);
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(at, e.path(), e.getMessage());
    assertTrue(e.getMessage().contains(at), e.getMessage());
    assertSame(before, ns.snapshot());
    assertEquals(entries, journal.entries().size());
  }

  @Test
  void aFailedAppendLeavesTheNamespaceAsItWas() throws Exception {
    ns.mkdir(path("/a"), false, "u", 0755);
    NamespaceSnapshot before = ns.snapshot();
    journal.closeForAppends();
    assertThrows(JournalClosedException.class, () -> ns.mkdir(path("/b"), false, "u", 0755));
    assertSame(before, ns.snapshot());
  }

  @Test
  void aFailedSyncReportsThatTheOutcomeIsUnknown() throws Exception {
    journal.failSyncs(new IOException("disk gone"));
    NotDurableException e = assertThrows(NotDurableException.class,
        () -> ns.mkdir(path("/a"), false, "u", 0755));
    assertTrue(e.getMessage().contains("entry 1") && e.getMessage().contains("disk gone"));
  }

  @Test
  void mutationsAreRefusedBeforeRecoveryAndAfterStop() throws Exception {
    Namespace fresh = new Namespace(new MemoryJournal(), Clock.systemUTC());
    assertThrows(MasterUnavailableException.class,
        () -> fresh.mkdir(path("/a"), false, "u", 0755));
    ns.stop();
    assertThrows(MasterUnavailableException.class, () -> ns.mkdir(path("/a"), false, "u", 1));
  }
}
