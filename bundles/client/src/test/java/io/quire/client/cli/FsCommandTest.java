package io.quire.client.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FsCommandTest {
  private final FakeBackend backend = new FakeBackend();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int fs(String stdin, String... args) {
    FsCommand command = new FsCommand(c -> backend,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void parsesEachSubcommandAndItsFlags() {
    assertEquals(0, fs("", "mkdir", "-p", "/a/b"));
    assertEquals(0, fs("", "mkdir", "/c"));
    assertEquals(0, fs("", "touch", "/a/b/f"));
    assertEquals(0, fs("", "mv", "/a/b/f", "/a/g"));
    assertEquals(0, fs("", "rm", "-R", "/a/b"));
    assertEquals(0, fs("", "rm", "/c"));
    assertEquals(0, fs("", "ls", "-R", "/"));
    assertEquals(0, fs("", "stat", "/a/g"));
    assertEquals(List.of("mkdir /a/b parents", "mkdir /c", "touch /a/b/f", "mv /a/b/f -> /a/g",
        "rm /a/b recursive", "rm /c", "ls / recursive", "stat /a/g"), backend.calls);
  }

  @Test
  void printsStableLsLinesAndStat() {
    fs("", "mkdir", "/d");
    fs("", "touch", "/d/f");
    out.getBuffer().setLength(0);
    assertEquals(0, fs("", "ls", "/d"));
    assertEquals("f 0644 alice 2026-11-22T04:05:06.007Z /d/f\n", out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, fs("", "stat", "/d"));
    assertTrue(out.toString().startsWith("path: /d\ntype: directory\nid: 2\nowner: alice\n"
        + "mode: 0755\nmtime: 2026-11-22T04:05:06.007Z\n"), out.toString());
  }

  @Test
  void aRefusalIsOneLineOnStderrAndExitOne() {
    assertEquals(1, fs("", "rm", "/missing"));
    assertEquals("fs: NOT_FOUND: no such file or directory: /missing\n", err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, fs("", "mkdir"));
    assertEquals(2, fs("", "rm", "-x", "/a"));
    assertEquals(2, fs(""));
    assertTrue(backend.calls.isEmpty());
  }

  @Test
  void batchPrintsOneLinePerCommandAsAcknowledged() {
    String input = String.join("\n", "mkdir /a", "  mkdir /a  ", "", "# a comment",
        "fs touch /a/f", "ls /a", "mv '/a/f' \"/a/g h\"", "stat /a/nope", "bogus /x",
        "rm", "touch /a/'unclosed", "rm -R /a/g\\ h", "-") + "\n";
    assertEquals(1, fs(input, "-"));
    assertEquals(String.join("\n",
        "ok mkdir /a",
        "err mkdir /a: ALREADY_EXISTS: already exists: /a",
        "ok fs touch /a/f",
        "ok ls /a",
        "  f 0644 alice 2026-11-22T04:05:06.007Z /a/f",
        "ok mv '/a/f' \"/a/g h\"",
        "err stat /a/nope: NOT_FOUND: no such file or directory: /a/nope",
        "err bogus /x: Unmatched arguments from index 0: 'bogus', '/x'",
        "err rm: Missing required parameter: 'PATH'",
        "err touch /a/'unclosed: unclosed ' quote",
        "ok rm -R /a/g\\ h",
        "err -: '-' cannot be nested") + "\n", out.toString());
    assertEquals(List.of("mkdir /a", "mkdir /a", "touch /a/f", "ls /a", "mv /a/f -> /a/g h",
        "stat /a/nope", "rm /a/g h recursive"), backend.calls);
  }

  @Test
  void batchReportsAnUnreachableMasterPerLineAndGoesOn() {
    backend.down = new IOException("no answer from the master at localhost:1: ConnectException",
        new ConnectException());
    assertEquals(1, fs("mkdir /a\ntouch /b\n", "-"));
    assertEquals("err mkdir /a: no answer from the master at localhost:1: ConnectException\n"
        + "err touch /b: no answer from the master at localhost:1: ConnectException\n",
        out.toString());
  }

  @Test
  void batchOfOnlySuccessesExitsZero() {
    assertEquals(0, fs("mkdir -p /x/y\ntouch /x/y/z\n", "-"));
    assertEquals("ok mkdir -p /x/y\nok touch /x/y/z\n", out.toString());
  }
}
