package io.quire.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback HTTP/1.1 server that answers each request with whatever {@code script} returns for
 * its head and body (raw response bytes; null closes the connection without answering). Counts
 * connections and keeps the requests it saw.
 */
final class ScriptedServer implements AutoCloseable {
  record Request(String head, String body) {}

  /** Returned by a script: answer these bytes, then close the connection if asked. */
  record Reply(String bytes, boolean closeAfter) {
    static Reply json(int status, String json) {
      return new Reply("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json,
          false);
    }
  }

  private final ServerSocket server;
  private final Function<Request, Reply> script;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  ScriptedServer(Function<Request, Reply> script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    Thread acceptor = new Thread(this::accept, "scripted-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    try {
      while (true) {
        Socket s = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s));
        t.setDaemon(true);
        t.start();
      }
    } catch (IOException e) {
      // closed by the test
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        int length = 0;
        for (String line : head.split("\r\n")) {
          if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        Request request = new Request(head, new String(in.readNBytes(length),
            StandardCharsets.UTF_8));
        requests.add(request);
        Reply reply = script.apply(request);
        if (reply == null) {
          return;
        }
        out.write(reply.bytes().getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (reply.closeAfter()) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      closed.incrementAndGet();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      String text = head.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r\n\r\n")) {
        return text;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
