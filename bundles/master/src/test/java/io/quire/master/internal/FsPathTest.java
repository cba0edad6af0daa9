package io.quire.master.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
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

  @Test
  void parsesUtf8BytesExactlyAsItParsesTheText() throws Exception {
    for (String text : new String[] {"/a", "/a/b/c", "/dir-1/file_2.txt", "/a b/~c", "//a///b/",
        "/", "///", "/.a/..b/...", "/f\u00e9/\uD83D\uDE00", "/" + "x".repeat(255),
        "/" + "y/".repeat(2000) + "z"}) {
      byte[] utf8 = ("##" + text + "##").getBytes(StandardCharsets.UTF_8);
      FsPath fromBytes = FsPath.parseUtf8(utf8, 2, utf8.length - 4);
      FsPath fromText = FsPath.parse(text);
      assertEquals(fromText, fromBytes, text);
      assertEquals(fromText.toString(), fromBytes.toString());
      assertEquals(fromText.hashCode(), fromBytes.hashCode());
      assertEquals(fromText.depth(), fromBytes.depth());
      for (int i = 0; i < fromText.depth(); i++) {
        assertEquals(fromText.name(i), fromBytes.name(i));
      }
    }
  }

  @Test
  void refusesFromUtf8BytesWhatItRefusesAsText() {
    for (String bad : new String[] {"", "a/b", "/a/../b", "/./a", "/a/.", "/a\nb", "/a\u0000",
        "/a\u007fb", "/" + "x".repeat(256), "/" + "y/".repeat(2048) + "z"}) {
      byte[] utf8 = bad.getBytes(StandardCharsets.UTF_8);
      NamespaceException fromText = assertThrows(NamespaceException.class,
          () -> FsPath.parse(bad));
      NamespaceException fromBytes = assertThrows(NamespaceException.class,
          () -> FsPath.parseUtf8(utf8, 0, utf8.length));
      assertEquals(fromText.getMessage(), fromBytes.getMessage(), bad);
    }
  }
}
