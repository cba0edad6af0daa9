package io.quire.client.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One keep-alive HTTP/1.1 connection, carrying one request at a time (no pipelining): the
 * request leaves in one write with {@code TCP_NODELAY}, the caller's thread reads the answer
 * itself, so an exchange costs one write and usually one read, and no thread hand-off.
 *
 * <p>A plain blocking {@link Socket}: a read with a timeout costs a read, and a poll when the
 * answer is not there yet; a {@code SocketChannel}'s socket streams cost several more system
 * calls per exchange. Like any socket I/O, a thread waiting here does not react to an interrupt:
 * the request's deadline bounds the wait.
 */
public final class HttpConnection implements Closeable {
  private final Socket socket;
  private final OutputStream out;
  private final HttpResponseReader reader;
  private boolean reusable = true;
  private long idleSinceNanos = System.nanoTime();

  private HttpConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.reader = new HttpResponseReader(socket.getInputStream());
  }

  /** Connects within {@code timeoutMillis} (at least 1). */
  public static HttpConnection open(InetSocketAddress address, int timeoutMillis)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address, Math.max(1, timeoutMillis));
      return new HttpConnection(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Sends {@code request} and reads its answer, giving up at {@code deadlineNanos}
   * ({@link System#nanoTime()}). After a failure the connection is not reusable.
   */
  public HttpAnswer exchange(byte[] request, long deadlineNanos) throws IOException {
    reusable = false;
    out.write(request);
    long remaining = deadlineNanos - System.nanoTime();
    if (remaining <= 0) {
      throw new SocketTimeoutException("timed out before the answer");
    }
    // The timeout bounds each read rather than the whole answer; the client API's answers are
    // written at once, so in practice it is the deadline.
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining / 1_000_000)));
    HttpAnswer answer = reader.read();
    reusable = answer.keepAlive() && !reader.hasBufferedBytes();
    idleSinceNanos = System.nanoTime();
    return answer;
  }

  /** Whether another request may use this connection (the last answer was whole and keep-alive). */
  public boolean isReusable() {
    return reusable && !socket.isClosed();
  }

  /** Nanoseconds since the last answer (or since opening). */
  public long idleNanos() {
    return System.nanoTime() - idleSinceNanos;
  }

  /**
   * Whether the server closed this idle connection (or sent something no request asked for),
   * so that a request never goes out on a connection already closed at the other end: a
   * mutation sent there would have an unknown outcome. Probed with a read that waits a
   * millisecond at most, so the pool probes only connections idle for a while.
   */
  public boolean isStale() {
    try {
      socket.setSoTimeout(1);
      socket.getInputStream().read(); // a byte no request asked for, or the end: not usable
      return true;
    } catch (SocketTimeoutException e) {
      return false; // nothing to read: still open, and the socket stays usable
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    reusable = false;
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket we are done with: nothing to recover, and the caller has the real error.
    }
  }
}
