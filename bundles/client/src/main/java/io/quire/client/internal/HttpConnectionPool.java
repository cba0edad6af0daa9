package io.quire.client.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to one server, shared by threads: a thread borrows a connection for one
 * exchange and gives it back. Idle connections are reused last-in first-out (the warmest first)
 * and dropped once idle for {@value #MAX_IDLE_SECONDS} s, well before a server's idle timeout
 * (Jetty's default is 30 s or more) could close one under a request. One idle for more than
 * {@value #PROBE_AFTER_IDLE_MILLIS} ms is probed before reuse (the server may have stopped); a
 * younger one is not, as a probe costs a millisecond and a server that closes a connection
 * within a second of answering on it says so ({@code Connection: close}) or is going away.
 */
public final class HttpConnectionPool implements Closeable {
  static final long MAX_IDLE_SECONDS = 15;
  static final long PROBE_AFTER_IDLE_MILLIS = 1000;
  private static final int MAX_IDLE_CONNECTIONS = 256;

  private final String host;
  private final int port;
  private final long probeAfterIdleNanos;
  private final ArrayDeque<HttpConnection> idle = new ArrayDeque<>(); // guarded by this
  private boolean closed; // guarded by this

  public HttpConnectionPool(String host, int port) {
    this(host, port, TimeUnit.MILLISECONDS.toNanos(PROBE_AFTER_IDLE_MILLIS));
  }

  HttpConnectionPool(String host, int port, long probeAfterIdleNanos) {
    this.host = host;
    this.port = port;
    this.probeAfterIdleNanos = probeAfterIdleNanos;
  }

  /**
   * An idle connection that is still open, else a new one connected within
   * {@code connectTimeoutMillis}.
   */
  public HttpConnection borrow(int connectTimeoutMillis) throws IOException {
    HttpConnection c;
    while ((c = pollIdle()) != null) {
      long idleNanos = c.idleNanos();
      if (idleNanos < TimeUnit.SECONDS.toNanos(MAX_IDLE_SECONDS)
          && (idleNanos < probeAfterIdleNanos || !c.isStale())) {
        return c;
      }
      c.close();
    }
    return HttpConnection.open(new InetSocketAddress(host, port), connectTimeoutMillis);
  }

  /** Takes a connection back after an exchange; closes it unless it can carry another. */
  public void release(HttpConnection c) {
    if (c.isReusable()) {
      synchronized (this) {
        if (!closed && idle.size() < MAX_IDLE_CONNECTIONS) {
          idle.push(c);
          return;
        }
      }
    }
    c.close();
  }

  private synchronized HttpConnection pollIdle() throws IOException {
    if (closed) {
      throw new IOException("the client is closed");
    }
    return idle.poll();
  }

  /** Closes the idle connections; those borrowed close when given back. */
  @Override
  public void close() {
    ArrayDeque<HttpConnection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(HttpConnection::close);
  }
}
