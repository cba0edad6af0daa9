package io.quire.master.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.quire.client.QuireClient;
import io.quire.client.QuireException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mutations answered by the {@link DurableAcknowledger}: never before durable, always answered. */
class DurableAcknowledgerTest {
  private MemoryJournal journal;
  private Namespace namespace;
  private ApiServlet servlet;
  private Server server;
  private QuireClient client;
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @BeforeEach
  void start() throws Exception {
    journal = new MemoryJournal();
    namespace = new Namespace(journal, Clock.systemUTC());
    namespace.recover();
    servlet = new ApiServlet(namespace, new ClientApiMetrics());
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/api/v1/*");
    server.setHandler(context);
    server.start();
    client = new QuireClient("127.0.0.1:" + connector.getLocalPort(), "alice",
        Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws Exception {
    journal.releaseSyncs();
    callers.shutdownNow();
    servlet.deactivate();
    client.close();
    server.stop();
  }

  @Test
  void answersAMutationOnlyOnceItIsDurable() throws Exception {
    journal.holdSyncs();
    Future<Long> answer = callers.submit(() -> client.mkdir("/held", false));
    await().atMost(Duration.ofSeconds(5)).until(() -> namespace.snapshot().lastAppliedSequence()
        == 1);
    assertFalse(answer.isDone(), "answered before the entry was durable");
    assertEquals(0, journal.durable());
    journal.releaseSyncs();
    assertEquals(1, answer.get(5, TimeUnit.SECONDS));
    assertEquals(1, journal.durable());
  }

  @Test
  void answersNotDurableWhenTheJournalFails() {
    journal.failSyncs(new IOException("disk gone"));
    QuireException e = assertThrows(QuireException.class, () -> client.mkdir("/lost", false));
    assertEquals("NOT_DURABLE", e.code());
    assertEquals(500, e.status());
  }

  @Test
  void answersEveryConcurrentWriterWithItsOwnSequence() throws Exception {
    List<Future<List<Long>>> writers = new ArrayList<>();
    for (int w = 0; w < 32; w++) {
      String dir = "/w" + w;
      writers.add(callers.submit(() -> {
        List<Long> sequences = new ArrayList<>();
        sequences.add(client.mkdir(dir, false));
        for (int i = 0; i < 50; i++) {
          sequences.add(client.mkdir(dir + "/d" + i, false));
        }
        return sequences;
      }));
    }
    Set<Long> all = new HashSet<>();
    for (Future<List<Long>> w : writers) {
      all.addAll(w.get(60, TimeUnit.SECONDS));
    }
    assertEquals(32 * 51, all.size());
    assertEquals(32 * 51, journal.durable());
  }

  @Test
  void answersWhatWasHandedOverBeforeStopping() throws Exception {
    journal.holdSyncs();
    Future<Long> answer = callers.submit(() -> client.mkdir("/last", false));
    await().atMost(Duration.ofSeconds(5)).until(() -> namespace.snapshot().lastAppliedSequence()
        == 1);
    Future<?> stopping = callers.submit(() -> {
      servlet.deactivate();
      return null;
    });
    journal.releaseSyncs();
    stopping.get(10, TimeUnit.SECONDS);
    assertEquals(1, answer.get(5, TimeUnit.SECONDS));
  }
}
