package io.quire.master.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.quire.client.FileEntry;
import io.quire.client.QuireClient;
import io.quire.client.QuireException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client API through real HTTP: Jetty in-process, the Java client, an in-memory journal. */
class ApiServletTest {
  private static Server server;
  private static Namespace namespace;
  private static MemoryJournal journal;
  private static String address;
  private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

  @BeforeAll
  static void start() throws Exception {
    journal = new MemoryJournal();
    namespace = new Namespace(journal, Clock.systemUTC());
    namespace.recover();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ClientApiMetrics metrics = new ClientApiMetrics();
    metrics.bindTo(METERS);
    ServletHolder holder = new ServletHolder(new ApiServlet(namespace, metrics));
    holder.setAsyncSupported(true); // as the whiteboard registers it
    context.addServlet(holder, "/api/v1/*");
    server.setHandler(context);
    server.start();
    address = "127.0.0.1:" + connector.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  private static QuireClient client() {
    return new QuireClient(address, "alice", Duration.ofSeconds(10));
  }

  private static QuireException refused(Executable call) {
    return assertThrows(QuireException.class, call::run);
  }

  interface Executable {
    void run() throws Exception;
  }

  @Test
  void mutationsAndReadsRoundTrip() throws Exception {
    QuireClient c = client();
    assertTrue(c.mkdir("/t1/a b/c", true) > 0);
    c.touch("/t1/a b/c/f\u00e9");
    c.mv("/t1/a b/c/f\u00e9", "/t1/g");
    c.setattr("/t1/g", "bob", "0600", 1234L);
    FileEntry g = c.stat("/t1/g");
    assertEquals("bob", g.owner());
    assertEquals(0600, g.mode());
    assertEquals(1234L, g.mtime().toEpochMilli());
    assertFalse(g.directory());
    List<String> paths = c.ls("/t1", true).stream().map(FileEntry::path).toList();
    assertEquals(List.of("/t1/a b", "/t1/a b/c", "/t1/g"), paths);
    assertEquals("alice", c.stat("/t1/a b").owner());
    assertEquals(0755, c.stat("/t1/a b").mode());
    c.rm("/t1", true);
    assertEquals(404, refused(() -> c.stat("/t1")).status());
  }

  @Test
  void latencyIsTimedByOperationAndOutcomeOnceAnswered() throws Exception {
    QuireClient c = client();
    long mkdirs = requests("mkdir", "ok");
    long conflicts = requests("mkdir", "client_error");
    long stats = requests("stat", "ok");
    long unknown = requests("other", "client_error");
    c.mkdir("/t4", false);
    refused(() -> c.mkdir("/t4", false));
    c.stat("/t4");
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/v1/nope"))
        .build(), HttpResponse.BodyHandlers.ofString());
    // a mutation is timed when its durable answer completes, just after the client has it
    await().untilAsserted(() -> assertEquals(mkdirs + 1, requests("mkdir", "ok")));
    await().untilAsserted(() -> assertEquals(conflicts + 1, requests("mkdir", "client_error")));
    assertEquals(stats + 1, requests("stat", "ok"));
    assertEquals(unknown + 1, requests("other", "client_error"));
    assertTrue(METERS.get("quire.client.requests").tag("operation", "mkdir").tag("outcome", "ok").timer()
        .totalTime(TimeUnit.NANOSECONDS) > 0);
  }

  @Test
  void aRequestThatFailsWithAnUnexpectedErrorIsTimedAsAServerError() throws Exception {
    long failures = requests("touch", "server_error");
    long ok = requests("touch", "ok");
    journal.failAppends(new IOException("disk on fire"));
    try {
      assertEquals(500, refused(() -> client().touch("/t5")).status());
    } finally {
      journal.failAppends(null);
    }
    assertEquals(failures + 1, requests("touch", "server_error"));
    assertEquals(ok, requests("touch", "ok"));
  }

  private static long requests(String operation, String outcome) {
    return METERS.get("quire.client.requests").tag("operation", operation).tag("outcome", outcome).timer().count();
  }

  @Test
  void errorsCarryTheirCodeStatusAndPath() throws Exception {
    QuireClient c = client();
    c.mkdir("/t2/d/e", true);
    QuireException e = refused(() -> c.mkdir("/t2/d", false));
    assertEquals("ALREADY_EXISTS", e.code());
    assertEquals(409, e.status());
    assertEquals("/t2/d", e.path());
    assertEquals("ALREADY_EXISTS: already exists: /t2/d", e.getMessage());
    assertEquals("DIRECTORY_NOT_EMPTY", refused(() -> c.rm("/t2/d", false)).code());
    assertEquals("NOT_FOUND", refused(() -> c.touch("/t2/x/y")).code());
    assertEquals("INVALID_PATH", refused(() -> c.mv("/t2", "/t2/d/in")).code());
    assertEquals(400, refused(() -> c.stat("relative")).status());
    assertEquals("BAD_REQUEST", refused(() -> c.setattr("/t2", null, "999", null)).code());
  }

  @Test
  void malformedRequestsAreRefusedWithJson() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + address
        + "/api/v1/mkdir")).POST(HttpRequest.BodyPublishers.ofString("{\"path\":[1]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, r.statusCode());
    assertTrue(r.body().startsWith("{\"code\":\"BAD_REQUEST\",\"message\":\"malformed JSON"),
        r.body());
    r = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/v1/nope"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, r.statusCode());
    assertEquals("{\"code\":\"NO_SUCH_ENDPOINT\",\"message\":\"no endpoint GET /api/v1/nope\"}",
        r.body());
  }

  @Test
  void pagesALargeDirectory() throws Exception {
    QuireClient c = client();
    c.mkdir("/t3", false);
    for (int i = 0; i < 5; i++) {
      c.touch("/t3/f" + i);
    }
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://" + address + "/api/v1/list?path=/t3&after=f1&limit=2")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(r.body().contains("\"path\":\"/t3/f2\"") && r.body().contains("/t3/f3")
        && !r.body().contains("/t3/f4") && r.body().endsWith("\"truncated\":true}"), r.body());
  }
}
