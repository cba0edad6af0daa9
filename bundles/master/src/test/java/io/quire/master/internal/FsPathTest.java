package io.quire.master.internal;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FsPathTest {
  @Test
  void normalizesRepeatedAndTrailingSlashes() throws Exception {
    assertEquals("/a/b", FsPath.parse("//a///b/").toString());
    assertTrue(FsPath.parse("///").isRoot());
    assertEquals("/a", FsPath.parse("/a/b").parentText());
    assertEquals(2, FsPath.parse("/a/b").depth());
  }

  @Test
  void refusesPathsThatAreNotAbsoluteCleanAndPrintable() {
    for (String bad : new String[] {"", "a/b", "/a/../b", "/./a", "/a\nb", "/a\u0000",
        "/" + "x".repeat(256), "/a\ud800b"}) {
      NamespaceException e = assertThrows(NamespaceException.class, () -> FsPath.parse(bad));
      assertEquals(ErrorCode.INVALID_PATH, e.code(), bad);
      assertTrue(e.getMessage().startsWith("invalid path '"), e.getMessage());
    }
  }

  @Test
  void knowsItsAncestors() throws Exception {
    assertTrue(FsPath.parse("/a").isProperAncestorOf(FsPath.parse("/a/b")));
    assertFalse(FsPath.parse("/a").isProperAncestorOf(FsPath.parse("/ab")));
    assertFalse(FsPath.parse("/a").isProperAncestorOf(FsPath.parse("/a")));
    assertTrue(FsPath.ROOT.isProperAncestorOf(FsPath.parse("/a")));
  }
}
