package io.quire.client.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.quire.client.QuireClient;
import io.quire.client.QuireException;
import io.quire.client.internal.ScriptedServer.Reply;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link QuireClient} over its own HTTP/1.1 transport, against a scripted server. */
class QuireClientTransportTest {

  private static QuireClient client(ScriptedServer server, Duration timeout) {
    return new QuireClient("127.0.0.1:" + server.port(), "alice", timeout);
  }

  @Test
  void sendsOneKeepAliveConnectionForSequentialRequests() throws Exception {
    try (ScriptedServer server = new ScriptedServer(r -> Reply.json(200, "{\"sequence\":7}"));
        QuireClient c = client(server, Duration.ofSeconds(10))) {
      for (int i = 0; i < 5; i++) {
        assertEquals(7, c.mkdir("/a" + i, true));
      }
      assertEquals(1, server.connections.get());
      ScriptedServer.Request first = server.requests.get(0);
      assertTrue(first.head().startsWith("POST /api/v1/mkdir HTTP/1.1\r\n"), first.head());
      assertTrue(first.head().contains("\r\nContent-Type: application/json\r\n"), first.head());
      assertEquals("{\"path\":\"/a0\",\"parents\":true,\"owner\":\"alice\"}", first.body());
    }
  }

  @Test
  void readsChunkedAnswers() throws Exception {
    String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;ext=1\r\n{\"seq\r\n9\r\nuence\":42\r\n1\r\n}\r\n0\r\nTrailer: x\r\n\r\n";
    try (ScriptedServer server = new ScriptedServer(r -> new Reply(chunked, false));
        QuireClient c = client(server, Duration.ofSeconds(10))) {
      assertEquals(42, c.touch("/f"));
      assertEquals(42, c.touch("/g"));
      assertEquals(1, server.connections.get());
    }
  }

  @Test
  void opensANewConnectionAfterConnectionClose() throws Exception {
    String closing = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 14\r\n\r\n"
        + "{\"sequence\":1}";
    try (ScriptedServer server = new ScriptedServer(r -> new Reply(closing, true));
        QuireClient c = client(server, Duration.ofSeconds(10))) {
      c.rm("/a", false);
      c.rm("/b", false);
      assertEquals(2, server.connections.get());
    }
  }

  @Test
  void reportsRefusalsWithTheirCode() throws Exception {
    try (ScriptedServer server = new ScriptedServer(r -> Reply.json(409,
            "{\"code\":\"ALREADY_EXISTS\",\"message\":\"exists: /a\",\"path\":\"/a\"}"));
        QuireClient c = client(server, Duration.ofSeconds(10))) {
      QuireException e = assertThrows(QuireException.class, () -> c.mkdir("/a", false));
      assertEquals("ALREADY_EXISTS", e.code());
      assertEquals("/a", e.path());
      assertEquals(409, e.status());
      assertThrows(QuireException.class, () -> c.mkdir("/a", false));
      assertEquals(1, server.connections.get(), "a refusal keeps the connection");
    }
  }

  @Test
  void reportsAnAnswerThatIsNotJson() throws Exception {
    String html = "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\n<h1>x</h1";
    try (ScriptedServer server = new ScriptedServer(r -> new Reply(html, false));
        QuireClient c = client(server, Duration.ofSeconds(10))) {
      IOException e = assertThrows(IOException.class, () -> c.stat("/"));
      assertTrue(e.getMessage().contains("answered 404 with a body that is not JSON"),
          e.getMessage());
    }
  }

  @Test
  void timesOutWhenTheMasterDoesNotAnswer() throws Exception {
    try (ScriptedServer server = new ScriptedServer(r -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
        QuireClient c = client(server, Duration.ofMillis(200))) {
      long start = System.nanoTime();
      IOException e = assertThrows(IOException.class, () -> c.mkdir("/slow", false));
      assertTrue(e.getMessage().startsWith("no answer from the master at 127.0.0.1:"),
          e.getMessage());
      assertTrue(System.nanoTime() - start < 3_000_000_000L);
    }
  }

  @Test
  void reportsAConnectionClosedBeforeTheAnswer() throws Exception {
    try (ScriptedServer server = new ScriptedServer(r -> null);
        QuireClient c = client(server, Duration.ofSeconds(10))) {
      IOException e = assertThrows(IOException.class, () -> c.mkdir("/a", false));
      assertTrue(e.getMessage().contains("connection closed before a response"),
          e.getMessage());
    }
  }

  @Test
  void reportsARefusedConnection() throws Exception {
    int port;
    try (ScriptedServer server = new ScriptedServer(r -> null)) {
      port = server.port();
    }
    try (QuireClient c = new QuireClient("127.0.0.1:" + port, null, Duration.ofSeconds(5))) {
      IOException e = assertThrows(IOException.class, () -> c.mkdir("/a", false));
      assertTrue(e.getMessage().startsWith("no answer from the master at 127.0.0.1:" + port),
          e.getMessage());
    }
  }
}
