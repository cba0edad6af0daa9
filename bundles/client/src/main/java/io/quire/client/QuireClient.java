package io.quire.client;

import com.fasterxml.jackson.jr.ob.JSON;
import io.quire.client.internal.FlatJson;
import io.quire.client.internal.HttpAnswer;
import io.quire.client.internal.HttpConnection;
import io.quire.client.internal.HttpConnectionPool;
import io.quire.client.internal.HttpRequestBytes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Talks to a master's client API over HTTP/1.1 keep-alive connections. Thread-safe: share one
 * instance between threads; each request borrows a pooled connection and waits for its answer on
 * the calling thread. Every mutation returns once the master has made it durable, with the
 * journal sequence number that did; a {@link QuireException} says why one was refused. Close the
 * client to close its idle connections. An interrupt is noticed before a request is sent, not
 * while its answer is awaited: the timeout bounds that wait.
 */
public final class QuireClient implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 5000;

  private final URI base;
  private final String user;
  private final Duration timeout;
  private final HttpConnectionPool pool;

  /**
   * @param master {@code host:port} of the master's client API
   * @param user owner recorded for what this client creates; null lets the master choose
   * @param timeout how long one request may take, waiting for durability included
   */
  public QuireClient(String master, String user, Duration timeout) {
    this.base = URI.create("http://" + master + "/api/v1/");
    this.user = user;
    this.timeout = timeout;
    this.pool = new HttpConnectionPool(base.getHost(), base.getPort() < 0 ? 80 : base.getPort());
  }

  /** Creates directory {@code path}; with {@code parents} also missing ancestors (no error if it exists). */
  public long mkdir(String path, boolean parents) throws IOException, InterruptedException {
    return mutate("mkdir", body("path", path, "parents", parents, "owner", user));
  }

  /** Creates the empty file {@code path}; refused if anything exists there. */
  public long touch(String path) throws IOException, InterruptedException {
    return mutate("touch", body("path", path, "owner", user));
  }

  /** Moves {@code src} to {@code dst}, which must not exist and whose parent must be a directory. */
  public long mv(String src, String dst) throws IOException, InterruptedException {
    return mutate("rename", body("src", src, "dst", dst));
  }

  /** Deletes {@code path}; a non-empty directory only if {@code recursive}. */
  public long rm(String path, boolean recursive) throws IOException, InterruptedException {
    return mutate("delete", body("path", path, "recursive", recursive));
  }

  /**
   * Sets the attributes given; null leaves one unchanged.
   *
   * @param mode octal digits such as {@code "0640"}
   */
  public long setattr(String path, String owner, String mode, Long mtimeMillis)
      throws IOException, InterruptedException {
    return mutate("setattr", body("path", path, "owner", owner, "mode", mode,
        "mtimeMillis", mtimeMillis));
  }

  public FileEntry stat(String path) throws IOException, InterruptedException {
    return Entries.fromJson(get("stat?path=" + encode(path)));
  }

  /**
   * The children of directory {@code path} in name order (the file itself for a file); recursive:
   * every entry below it, depth first, each directory followed by its contents.
   */
  public List<FileEntry> ls(String path, boolean recursive)
      throws IOException, InterruptedException {
    Map<String, Object> answer = get("list?path=" + encode(path) + "&recursive=" + recursive);
    List<FileEntry> entries = new ArrayList<>();
    for (Object entry : (List<?>) answer.get("entries")) {
      entries.add(Entries.fromJson(Entries.map(entry)));
    }
    return entries;
  }

  private long mutate(String endpoint, Map<String, Object> body)
      throws IOException, InterruptedException {
    HttpAnswer answer = exchange(HttpRequestBytes.post(base.getRawAuthority(), target(endpoint),
        FlatJson.object(body)));
    long sequence = answer.status() == 200 ? FlatJson.sequence(answer.body()) : -1;
    return sequence >= 0 ? sequence : ((Number) parse(answer).get("sequence")).longValue();
  }

  private Map<String, Object> get(String endpointAndQuery)
      throws IOException, InterruptedException {
    return send(HttpRequestBytes.get(base.getRawAuthority(), target(endpointAndQuery)));
  }

  private String target(String endpointAndQuery) {
    return base.getRawPath() + endpointAndQuery;
  }

  private Map<String, Object> send(byte[] request) throws IOException, InterruptedException {
    return parse(exchange(request));
  }

  /** The answer's JSON object, or the {@link QuireException} it carries. */
  private Map<String, Object> parse(HttpAnswer answer) throws IOException {
    Map<String, Object> json;
    try {
      json = JSON.std.mapFrom(answer.body());
    } catch (IOException e) {
      throw new IOException("the master at " + base + " answered " + answer.status()
          + " with a body that is not JSON", e);
    }
    if (json == null) {
      throw new IOException("the master at " + base + " answered " + answer.status()
          + " with an empty body");
    }
    if (answer.status() != 200) {
      throw new QuireException(String.valueOf(json.get("code")),
          String.valueOf(json.get("message")), (String) json.get("path"), answer.status());
    }
    return json;
  }

  private HttpAnswer exchange(byte[] request) throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sending to the master");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpConnection connection = null;
    try {
      connection = pool.borrow((int) Math.min(CONNECT_TIMEOUT_MILLIS, timeout.toMillis()));
      HttpAnswer answer = connection.exchange(request, deadline);
      pool.release(connection);
      connection = null; // another thread may have it now
      return answer;
    } catch (IOException e) {
      // The JDK's messages are often empty (ConnectException): say where and what.
      throw new IOException("no answer from the master at " + base.getAuthority() + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    } finally {
      if (connection != null) {
        connection.close(); // the exchange failed: what is left on it cannot be trusted
      }
    }
  }

  private static Map<String, Object> body(Object... namesAndValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        body.put((String) namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return body;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Closes the idle connections; requests in flight finish, later ones fail. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "QuireClient[" + base + "]";
  }
}
