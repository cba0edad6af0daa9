package io.quire.client;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Talks to a master's client API over HTTP/1.1 keep-alive connections. Thread-safe: share one
 * instance between threads. Every mutation returns once the master has made it durable, with the
 * journal sequence number that did; a {@link QuireException} says why one was refused.
 */
public final class QuireClient {
  private final URI base;
  private final String user;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param master {@code host:port} of the master's client API
   * @param user owner recorded for what this client creates; null lets the master choose
   * @param timeout how long one request may take, waiting for durability included
   */
  public QuireClient(String master, String user, Duration timeout) {
    this.base = URI.create("http://" + master + "/api/v1/");
    this.user = user;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
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
    HttpRequest request = HttpRequest.newBuilder(base.resolve(endpoint)).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.std.asString(body))).build();
    return ((Number) send(request).get("sequence")).longValue();
  }

  private Map<String, Object> get(String endpointAndQuery)
      throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(endpointAndQuery)).timeout(timeout).GET()
        .build());
  }

  private Map<String, Object> send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The JDK's messages are often empty (ConnectException): say where and what.
      throw new IOException("no answer from the master at " + base.getAuthority() + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
    Map<String, Object> json;
    try {
      json = JSON.std.mapFrom(response.body());
    } catch (IOException e) {
      throw new IOException("the master at " + base + " answered " + response.statusCode()
          + " with a body that is not JSON", e);
    }
    if (response.statusCode() != 200) {
      throw new QuireException(String.valueOf(json.get("code")),
          String.valueOf(json.get("message")), (String) json.get("path"), response.statusCode());
    }
    return json;
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

  @Override
  public String toString() {
    return "QuireClient[" + base + "]";
  }
}
