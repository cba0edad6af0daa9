package io.quire.client.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.quire.client.internal.ScriptedServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpConnectionPoolTest {
  private static final byte[] GET = HttpRequestBytes.get("localhost", "/api/v1/status");

  private static long deadline() {
    return System.nanoTime() + 5_000_000_000L;
  }

  @Test
  void neverSendsOnAnIdleConnectionTheServerClosed() throws Exception {
    // The server answers, then closes without saying so: the next request must not go out on
    // the dead connection (a mutation's outcome would be unknown) but on a new one.
    try (ScriptedServer server = new ScriptedServer(r -> new Reply(
            Reply.json(200, "{}").bytes(), true));
        HttpConnectionPool pool = new HttpConnectionPool("127.0.0.1", server.port(), 0)) {
      HttpConnection first = pool.borrow(1000);
      assertEquals(200, first.exchange(GET, deadline()).status());
      pool.release(first);
      await().atMost(Duration.ofSeconds(5)).until(() -> server.closed.get() == 1);
      HttpConnection second = pool.borrow(1000);
      assertNotSame(first, second);
      assertEquals(200, second.exchange(GET, deadline()).status());
      assertEquals(2, server.connections.get());
      assertEquals(2, server.requests.size());
    }
  }

  @Test
  void reusesAProbedConnectionThatIsStillOpen() throws Exception {
    try (ScriptedServer server = new ScriptedServer(r -> Reply.json(200, "{\"ok\":true}"));
        HttpConnectionPool pool = new HttpConnectionPool("127.0.0.1", server.port(), 0)) {
      HttpConnection first = pool.borrow(1000);
      first.exchange(GET, deadline());
      pool.release(first);
      HttpConnection again = pool.borrow(1000);
      assertSame(first, again);
      assertEquals("{\"ok\":true}", new String(again.exchange(GET, deadline()).body(),
          StandardCharsets.UTF_8));
      assertEquals(1, server.connections.get());
    }
  }
}
